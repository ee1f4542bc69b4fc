"""Entry point frozen by PyInstaller: the same as the ``supportdesk`` console script."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
