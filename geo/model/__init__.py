"""The data model: the collection registry, features and queries, errors (no HTTP), schemas, limits."""
