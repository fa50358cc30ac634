"""The staff navigation: one entry per working page, shown to the roles that may open it.

Add an entry here when a page works (never before: no "coming soon" links).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sportello.accounts.models import Role


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    roles: frozenset[str]


ALL = frozenset(Role)

STAFF_NAVIGATION = [
    NavItem("staff_home", _("Home"), ALL),
    NavItem("tutoring:today", _("Today"), frozenset({Role.COORDINATOR, Role.OPERATOR})),
    NavItem("tutoring:intake_inbox", _("Intakes"), frozenset({Role.COORDINATOR, Role.OPERATOR})),
    NavItem(
        "tutoring:intake_new",
        _("Send an intake"),
        frozenset({Role.PARTNER_STAFF, Role.MUNICIPAL_OFFICER}),
    ),
    NavItem(
        "territory:place_list",
        _("Places"),
        frozenset({Role.COORDINATOR, Role.OPERATOR, Role.MUNICIPAL_OFFICER}),
    ),
    NavItem("outreach:visit_list", _("Visits"), frozenset({Role.COORDINATOR, Role.OPERATOR})),
    NavItem("outreach:rota_list", _("Rota"), frozenset({Role.COORDINATOR, Role.OPERATOR})),
    NavItem("casework:person_list", _("People"), frozenset({Role.COORDINATOR, Role.OPERATOR})),
    NavItem(
        "directory:service_list",
        _("Directory"),
        frozenset({Role.COORDINATOR, Role.OPERATOR, Role.MUNICIPAL_OFFICER}),
    ),
    NavItem("learning:course_list", _("Courses"), frozenset({Role.COORDINATOR, Role.TRAINER})),
    NavItem("territory:project", _("Project"), ALL - {Role.PARTNER_STAFF}),
    NavItem(
        "indicators:dashboard",
        _("Indicators"),
        frozenset({Role.COORDINATOR, Role.OPERATOR, Role.MUNICIPAL_OFFICER}),
    ),
    NavItem("flyers:home", _("Flyers"), frozenset({Role.COORDINATOR, Role.OPERATOR})),
    NavItem("news:list", _("News"), frozenset({Role.COORDINATOR, Role.OPERATOR})),
    NavItem(
        "datapackage:import",
        _("Import / export"),
        frozenset({Role.COORDINATOR, Role.OPERATOR}),
    ),
    NavItem(
        "coordination:home",
        _("Coordination"),
        frozenset({Role.COORDINATOR, Role.MUNICIPAL_OFFICER}),
    ),
    NavItem("events:list", _("Events"), frozenset({Role.COORDINATOR})),
    NavItem("accounts:user_list", _("Users"), frozenset({Role.COORDINATOR})),
    NavItem("accounts:audit_log", _("Audit log"), frozenset({Role.COORDINATOR})),
]


def navigation_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in STAFF_NAVIGATION if user.role in item.roles]
