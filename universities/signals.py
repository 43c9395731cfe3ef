"""What a university's archiving tells the apps above it, which this app must not import.

Both are sent inside the service's transaction, with ``university`` and ``by`` (the
user, or None): curricula archives the university's programmes with it and brings
them back on restore, all or nothing with the university itself.
"""

from django.dispatch import Signal

university_archived = Signal()
university_restored = Signal()
