"""Records in and out of the store: validation, editing, imports, the dataset loader, sources, placement, access."""
