"""Open data: the files of every collection, their licence and provenance notes, the one CSV writer."""
