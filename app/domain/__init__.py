"""Pure business rules. Imports nothing from the rest of SupportDesk."""
