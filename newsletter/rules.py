"""Who may prepare and send the newsletter: coordinators. Subscribing, confirming,
unsubscribing and the archive are open to everyone."""

import rules

from accounts.rules import is_coordinator

rules.add_perm("newsletter.manage_issues", is_coordinator)
