"""Report output that needs no Qt (the figures themselves come from ``app.services``)."""
