"""Who may see the coordinators' dashboard."""

import rules

from accounts.rules import is_coordinator

rules.add_perm("insights.view_dashboard", is_coordinator)
