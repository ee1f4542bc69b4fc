"""Report output that needs Qt: PDF documents and the charts they share with the dashboard."""
