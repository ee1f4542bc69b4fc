"""SupportDesk core: domain rules, persistence, services and the command line.

Nothing in this package imports Qt; the desktop client lives in ``ui``.
"""

__version__ = "0.1.0"
