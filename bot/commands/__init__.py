"""The commands: declared once (table.py), run the same way from Discord and the terminal (runner.py).

Each command is a named async function `handler(ctx, **options) -> Reply` in a small module;
`ctx` (context.py) says who is asking and holds the services. Handlers parse, call core and the
store, and build a Reply; they never see Discord or the terminal.
"""
