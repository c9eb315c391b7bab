"""The one SQL store: statements written once, a dialect per engine (placeholders, bbox, arrays, order, locks)."""
