"""Interfaces the core and handlers need from storage; each backend implements them."""
