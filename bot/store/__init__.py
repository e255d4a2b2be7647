"""Persistence: the SQLite connection, migrations, repositories and YAML seed/import."""
