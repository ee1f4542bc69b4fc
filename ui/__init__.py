"""SupportDesk desktop client (PySide6). Talks to ``app.services`` only."""
