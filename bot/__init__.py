"""filmbot: a Discord bot that finds the film you meant and answers with reviews and similar films."""

__version__ = "0.1.0"
