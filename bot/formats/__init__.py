"""File formats shared by every storage backend: the catalogue YAML and dataset readers."""
