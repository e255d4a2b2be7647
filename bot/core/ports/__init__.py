"""What the core and the handlers need from storage, as typed interfaces (typing.Protocol).

Each backend (bot/store is SQLite) implements them and returns core dataclasses only: nothing
above the store sees rows, SQL or a backend's error texts. tests/store/test_ports.py checks that
the SQLite classes satisfy them.
"""
