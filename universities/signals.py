"""What a university's archiving and renaming tell the apps above it, which this app
must not import.

All are sent inside the service's transaction, with ``university`` and ``by`` (the
user, or None): curricula archives the university's programmes with it and brings
them back on restore, all or nothing with the university itself; when the names the
university is found by change (``university_renamed``), curricula rebuilds its
programmes' search documents, which hold those names.
"""

from django.dispatch import Signal

university_archived = Signal()
university_restored = Signal()
university_renamed = Signal()
