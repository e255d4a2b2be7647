"""`python -m bot`: the same as the `filmbot` command."""

import sys

from bot.console.cli import main

if __name__ == "__main__":
    sys.exit(main())
