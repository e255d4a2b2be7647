"""The terminal front-end: the same handlers as Discord, replies rendered as text."""
