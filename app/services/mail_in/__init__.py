"""Mail in: parsing received e-mail, folding quotes, loop protection, matching it to
tickets, and fetching it over IMAP. :class:`MailInService` is the one door."""
