"""The Administration window (issue 13): people, customers, contracts and SLA,
products, assignment, mail, company."""
