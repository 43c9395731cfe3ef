"""Messages that many pages show, written once."""

from django.utils.translation import gettext_lazy as _

NOTHING_SAVED = _("Please correct the errors below; nothing has been saved.")
NOTHING_SENT = _("Please correct the errors below; nothing has been sent.")
SAVED = _("Your changes have been saved.")
