"""The e-mails of the programme: decisions told to the authors, in their language,
through the outbox."""
