"""Qt item models over service results (no SQL, no sessions: they call services)."""
