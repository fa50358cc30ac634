"""Every URL × every role (and anonymous) → the expected status. A URL missing here fails.

When you add a page, add its row: who gets 200, who is sent to sign in (302), who is refused (403).
"""

import time
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from sportello.accounts import signin
from sportello.accounts.models import Role
from sportello.directory.models import Organization, Service
from sportello.territory.models import Place
from tests.casework.matrix_tutoring import tutoring_sample_kwargs
from tests.casework.people_matrix_data import people_sample_kwargs
from tests.communication.events_matrix_data import events_sample_kwargs
from tests.communication.matrix_data import communication_sample_kwargs
from tests.coordination.matrix_data import coordination_sample_kwargs
from tests.directory.hsds_data import hsds_sample_kwargs
from tests.directory.matrix_data import directory_sample_kwargs
from tests.learning.matrix_data import learning_sample_kwargs
from tests.outreach.matrix_data import outreach_sample_kwargs

ROLES = [None, *Role]  # None = anonymous
C, O, M, T, P = (
    Role.COORDINATOR,
    Role.OPERATOR,
    Role.MUNICIPAL_OFFICER,
    Role.TRAINER,
    Role.PARTNER_STAFF,
)


def everyone(status: int) -> dict:
    return dict.fromkeys(ROLES, status)


def staff_only(*allowed: Role) -> dict:
    """Anonymous users are sent to sign in; other roles are refused."""
    return {None: 302, **{role: 200 if role in allowed else 403 for role in Role}}


def signed_out_only() -> dict:
    """The sign-in page: signed-in users are sent on to their home page."""
    return {None: 200, **dict.fromkeys(Role, 302)}


MATRIX: dict[str, dict] = {
    "healthz": everyone(200),
    "set_language": everyone(405),  # POST only
    "staff_home": staff_only(C, O, M, T, P),
    "public:home": everyone(200),
    "accounts:login": signed_out_only(),
    "accounts:logout": everyone(405),  # POST only
    "accounts:password_change": staff_only(C, O, M, T, P),
    "accounts:password_change_done": staff_only(C, O, M, T, P),
    "accounts:password_reset": everyone(200),
    "accounts:password_reset_done": everyone(200),
    "accounts:password_reset_confirm": everyone(200),  # an invalid link explains itself
    "accounts:password_reset_complete": everyone(200),
    # Two-step sign-in: the code step sends a session that needs no code on to its page; the
    # enrolment, the recovery codes and the account page are each user's own.
    "accounts:login_code": {None: 302, **dict.fromkeys(Role, 302)},
    "accounts:account": staff_only(C, O, M, T, P),
    "accounts:reauth": staff_only(C, O, M, T, P),
    "accounts:two_factor_enrol": staff_only(C, O, M, T, P),
    "accounts:recovery_codes": staff_only(C, O, M, T, P),
    "accounts:recovery_codes_print": {None: 302, **dict.fromkeys(Role, 302)},  # none to show
    "accounts:recovery_codes_regenerate": {**staff_only(C, O, M, T, P), **dict.fromkeys(Role, 405)},
    "accounts:two_factor_disable": {**staff_only(C, O, M, T, P), **dict.fromkeys(Role, 405)},
    "accounts:two_factor_reset": {**staff_only(C), C: 405},  # POST only
    "accounts:user_list": staff_only(C),
    "accounts:user_create": staff_only(C),
    "accounts:user_edit": staff_only(C),
    "accounts:audit_log": staff_only(C),
    "territory:place_list": staff_only(C, O, M),
    "territory:place_create": staff_only(C, O),
    "territory:place_edit": staff_only(C, O),
    "territory:project": staff_only(C, O, M, T),
    # The diffuse desk (/app/rota/, /app/visits/): the coordinator and the operator.
    **dict.fromkeys(
        [
            "outreach:rota_list",
            "outreach:rota_create",
            "outreach:rota_edit",
            "outreach:calendar",
            "outreach:visit_list",
            "outreach:visit_create",
            "outreach:visit_detail",
            "outreach:visit_edit",
        ],
        staff_only(C, O),
    ),
    "outreach:rota_deactivate": {**staff_only(C, O), C: 405, O: 405},  # POST only
    # Social tutoring (/app/today/, /app/paths/, /app/referrals/, /app/intakes/): the desk only;
    # partner staff and municipal officers may send an intake and see the acknowledgement.
    **dict.fromkeys(
        [
            "tutoring:today",
            "tutoring:person_paths",
            "tutoring:path_create",
            "tutoring:path_detail",
            "tutoring:path_edit",
            "tutoring:path_close",
            "tutoring:referral_create",
            "tutoring:referral_detail",
            "tutoring:referral_slip",
            "tutoring:followup_create",
            "tutoring:followup_done",
            "tutoring:intake_inbox",
            "tutoring:intake_detail",
            "tutoring:intake_links",
        ],
        staff_only(C, O),
    ),
    **dict.fromkeys(
        [
            "tutoring:goal_add",
            "tutoring:goal_achieved",
            "tutoring:referral_send",
            "tutoring:referral_state",
            "tutoring:referral_link",
            "tutoring:intake_accept",
            "tutoring:intake_dismiss",
            "tutoring:intake_link_revoke",
        ],
        {**staff_only(C, O), C: 405, O: 405},  # POST only
    ),
    "tutoring:intake_new": staff_only(C, O, M, P),
    "tutoring:intake_sent": staff_only(C, O, M, P),
    # Secret links without an account (live samples; dead ones: tests/casework).
    "links:provider": everyone(200),
    "links:intake": everyone(200),
    # HSDS import and export (/app/directory/import/, /app/directory/export/).
    **dict.fromkeys(
        ["datapackage:import", "datapackage:job", "datapackage:progress", "datapackage:export"],
        staff_only(C, O),
    ),
    "datapackage:apply": everyone(405),  # POST only (tests/directory/test_hsds_exchange_pages.py)
    "ical:feed": everyone(200),  # a live secret link; a revoked one is 404 (tests/outreach)
    "public_outreach:where": everyone(200),
    # Indicators (/app/indicators/): exact for the coordinator, suppressed for operators and
    # municipal officers; the record-level extract for the coordinator only.
    **dict.fromkeys(
        [
            "indicators:dashboard",
            "indicators:export_xlsx",
            "indicators:export_csv",
            "indicators:report",
        ],
        staff_only(C, O, M),
    ),
    "indicators:extract": staff_only(C),
    "public_indicators:open": everyone(200),
    # Flyers and news: the desk edits (/app/flyers/, /app/news/); everyone reads and prints.
    **dict.fromkeys(
        [
            "flyers:home",
            "flyers:text_edit",
            "flyers:distribution_create",
            "news:list",
            "news:create",
            "news:preview",
            "news:edit",
        ],
        staff_only(C, O),
    ),
    **dict.fromkeys(
        [
            "public_flyer:page",
            "public_flyer:pdf",
            "public_flyer:all_pdf",
            "public_news:list",
            "public_news:feed",
            "public_news:detail",
            "public_news:image",
        ],
        everyone(200),
    ),
    # The coordination group (/app/coordination/): the coordinator manages; municipal officers
    # read the group, meetings, minutes, attachments and decisions; nobody else.
    **dict.fromkeys(
        [
            "coordination:home",
            "coordination:meeting_detail",
            "coordination:meeting_pdf",
            "coordination:attachment_download",
            "coordination:decision_list",
        ],
        staff_only(C, M),
    ),
    **dict.fromkeys(
        [
            "coordination:member_create",
            "coordination:member_edit",
            "coordination:meeting_create",
            "coordination:meeting_edit",
            "coordination:meeting_attendance",
            "coordination:decision_create",
            "coordination:decision_edit",
            "events:list",
            "events:create",
            "events:edit",
            "events:registrations",  # registrants are personal data: the coordinator only
        ],
        staff_only(C),
    ),
    **{  # POST only
        name: {**staff_only(C), C: 405}
        for name in [
            "coordination:meeting_headlines",
            "coordination:attachment_add",
            "coordination:attachment_delete",
        ]
    },
    # Public event pages (/<lang>/events/) with the registration form: anyone.
    "public_events:list": everyone(200),
    "public_events:detail": everyone(200),
    # END coordination and events
    # The people followed (/app/people/, /app/encounters/): the coordinator and the operators
    # who follow the person; nobody else, ever (tests/casework/test_people_access.py).
    **dict.fromkeys(
        [
            "casework:person_list",
            "casework:person_create",
            "casework:person",
            "casework:person_identity",
            "casework:person_edit",
            "casework:consent_add",
            "casework:need_create",
            "casework:need",
            "casework:person_encounter_create",
            "casework:person_transfer",
            "casework:person_export",
            "casework:person_export_json",
            "casework:person_export_pdf",
            "casework:encounter_list",
            "casework:encounter_create",
            "casework:encounter_link",
        ],
        staff_only(C, O),
    ),
    **{  # POST only
        name: {**staff_only(C, O), C: 405, O: 405}
        for name in ["casework:note_add", "casework:consent_withdraw", "casework:need_pick"]
    },
    "casework:person_erase": staff_only(C),
    # The operators' directory (/app/directory/): coordinator and operators edit; a municipal
    # officer reads and proposes (and sees their own proposals).
    "directory:service_list": staff_only(C, O, M),
    "directory:service_detail": staff_only(C, O, M),
    "directory:service_history": staff_only(C, O, M),
    "directory:service_create": staff_only(C, O),
    "directory:service_edit": staff_only(C, O),
    "directory:stale_list": staff_only(C, O),
    "directory:service_propose": staff_only(M),
    "directory:proposal_list": staff_only(C, O, M),
    "directory:proposal_detail": staff_only(C, O, M),
    "directory:service_status": everyone(405),  # POST only (tests/directory/test_operator_pages.py)
    "directory:service_confirm": everyone(405),  # POST only
    # The public directory (/<lang>/directory/): anyone.
    "public_directory:search": everyone(200),
    "public_directory:map": everyone(200),
    "public_directory:service": everyone(200),
    "public_directory:service_print": everyone(200),
    # The HSDS API (/api/hsds/): public and read-only.
    **dict.fromkeys(
        [
            "hsds:api-root",
            "hsds:root",
            "hsds:openapi-json",
            "hsds:services",
            "hsds:service",
            "hsds:organizations",
            "hsds:organization",
            "hsds:service_at_locations",
            "hsds:service_at_location",
            "hsds:taxonomies",
            "hsds:taxonomy",
            "hsds:taxonomy_terms",
            "hsds:taxonomy_term",
        ],
        everyone(200),
    ),
    # Courses (/app/courses/, /app/sessions/, /app/enrolments/): the coordinator and the
    # trainer, on their own courses only (another trainer's course is a 404: tests/learning).
    **dict.fromkeys(
        [
            "learning:course_list",
            "learning:course_detail",
            "learning:session_create",
            "learning:signatures",
            "learning:register",
            "learning:session_signatures",
            "learning:certificate",
            "learning:assessment",
        ],
        staff_only(C, T),
    ),
    "learning:course_create": staff_only(C),
    "learning:enrol": staff_only(C),
    "learning:selection": staff_only(C),
    "learning:give_operator_role": {**staff_only(C), C: 405},  # POST only
}


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry


def all_url_names() -> dict[str, URLPattern]:
    return dict(walk(get_resolver().url_patterns))


@pytest.fixture
def sample_kwargs(users, ottiglio, settings, tmp_path):
    place = Place.objects.create(
        name="Scuola di prova", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    service = Service.objects.create(
        organization=Organization.objects.create(name="Ente di prova"), name_it="Servizio di prova"
    )
    return {
        "accounts:user_edit": {"code": users[Role.OPERATOR].code},
        "accounts:two_factor_reset": {"code": users[Role.OPERATOR].code},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "territory:place_edit": {"code": place.code},
        "public_directory:service": {"service_id": service.id},
        "public_directory:service_print": {"service_id": service.id},
        "indicators:export_csv": {"table": "people-gender"},
        **hsds_sample_kwargs(ottiglio, settings=settings, tmp_path=tmp_path),
        **people_sample_kwargs(users),
        **outreach_sample_kwargs(users, place),
        **communication_sample_kwargs(settings=settings, tmp_path=tmp_path),
        **coordination_sample_kwargs(users, ottiglio, settings=settings, tmp_path=tmp_path),
        **events_sample_kwargs(),
        **tutoring_sample_kwargs(users, place, service),
        **learning_sample_kwargs(users, place),
        **directory_sample_kwargs(users, service),
    }


# Sensitive actions ask for the password (and the code, with an app) again when it was last typed
# more than SPORTELLO_REAUTH_MINUTES ago (@recent_auth): exports of personal or indicator data,
# erasure, user and role changes, one's own two-step settings. The rows above are for a fresh
# sign-in (client_for signs in as the sign-in page does); here, the same pages an hour later.
RECENT_AUTH = {
    "accounts:user_create",
    "accounts:user_edit",
    "accounts:two_factor_enrol",
    "accounts:two_factor_disable",
    "accounts:two_factor_reset",
    "accounts:recovery_codes_regenerate",
    "indicators:export_xlsx",
    "indicators:export_csv",
    "indicators:extract",
    "casework:person_export_json",
    "casework:person_export_pdf",
    "casework:person_erase",
    "learning:signatures",
    "learning:session_signatures",
    "learning:certificate",
    "learning:give_operator_role",
}


def test_the_pages_that_ask_for_the_password_again_are_the_listed_ones():
    asking = {
        name
        for name, pattern in all_url_names().items()
        if getattr(pattern.callback, "requires_recent_auth", False)
    }
    assert asking == RECENT_AUTH


@pytest.mark.parametrize("name", sorted(RECENT_AUTH))
def test_a_sensitive_page_an_hour_after_sign_in_asks_to_confirm_first(
    name, client_for, sample_kwargs
):
    with translation.override("it"):
        url = reverse(name, kwargs=sample_kwargs.get(name))
    confirm = "/app/account/confirm/?next=" + quote(url, safe="")
    got, expected = {}, {}
    for role in ROLES:
        client = client_for(role)
        if role is not None:
            session = client.session
            session[signin.CONFIRMED_AT] = time.time() - 3600
            session.save()
        response = client.get(url)
        got[role] = response["Location"] if response.status_code == 302 else response.status_code
        fresh = MATRIX[name][role]
        expected[role] = confirm if fresh == 200 else got[role] if fresh == 302 else fresh
    assert got == expected, url


def test_every_url_is_in_the_matrix():
    names = set(all_url_names())
    assert names - set(MATRIX) == set(), "add these URLs to MATRIX"
    assert set(MATRIX) - names == set(), "these MATRIX rows name no URL"


def test_every_view_declares_who_may_use_it():
    undeclared = [
        name
        for name, pattern in all_url_names().items()
        if not hasattr(pattern.callback, "allowed_roles")
    ]
    assert undeclared == [], "decorate these views with @roles(...) or @public"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(name, client_for, sample_kwargs):
    with translation.override("it"):
        url = reverse(name, kwargs=sample_kwargs.get(name))
    got = {}
    for role in ROLES:
        got[role] = client_for(role).get(url).status_code
    assert got == MATRIX[name], url
