"""What every stored field is and what every page shows: the reviewed record behind docs/privacy.md.

Every concrete and many-to-many field of every model is classified in `MODELS`, and every URL
namespace in `PAGES`; tests/core/test_privacy_doc.py fails for a field or a namespace that is not,
so nothing new is stored or shown unreviewed. After a change, refresh the generated tables of
docs/privacy.md with `bin/privacy-doc` (the same test fails while the page is out of date).

Field classes (one per field; "encrypted at rest" is not a class: it is read from the field type):

- identifying   names, phone numbers, e-mail addresses of a person: they point to someone directly;
- special       special-category data (GDPR art. 9: health, religion, ethnic origin), directly or
                by proxy; the note says what it may reveal;
- free text     free text about a person: it may contain anything, special categories included;
- pseudonymous  about a person known by a code only (dates, states, year of birth, gender…);
- user          about a user of the app (staff, partner staff): account, who did what, rota;
- public        published on purpose (the resource directory, public pages); may name
                professionals, e.g. a service's contact person;
- anonymous     tallies and aggregates that identify nobody;
- secret        a credential or keyed hash (password hash, token hash, blind index);
- not personal  ids, settings and texts of the project that are about nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    IDENTIFYING = "identifying"
    SPECIAL = "special"
    FREE_TEXT = "free text"
    PSEUDONYMOUS = "pseudonymous"
    USER = "user"
    PUBLIC = "public"
    ANONYMOUS = "anonymous"
    SECRET = "secret"  # noqa: S105 (a class name, not a password)
    NONE = "not personal"


# Classes whose values must be encrypted at rest (core.crypto.EncryptedTextField), unless the
# model says why not (`clear_text`).
MUST_BE_ENCRYPTED = frozenset({Kind.IDENTIFYING, Kind.FREE_TEXT})


@dataclass(frozen=True)
class F:
    kind: Kind
    note: str = ""


NONE = F(Kind.NONE)
PSEUDO = F(Kind.PSEUDONYMOUS)
USER = F(Kind.USER)
PUBLIC = F(Kind.PUBLIC)
ANON = F(Kind.ANONYMOUS)
IDENT = F(Kind.IDENTIFYING)
TEXT = F(Kind.FREE_TEXT)


def special(note: str) -> F:
    return F(Kind.SPECIAL, note)


def secret(note: str) -> F:
    return F(Kind.SECRET, note)


def pseudo(note: str) -> F:
    return F(Kind.PSEUDONYMOUS, note)


def user(note: str) -> F:
    return F(Kind.USER, note)


HEALTH_BY_CATEGORY = special("health, psychosocial, legal: when the category is a sensitive one")
HEALTH_BY_SERVICE = special("health: when the service is a health or mental-health service")
PLACE_PROXY = special("health or religion: when the place is a clinic or a place of worship")
ETHNIC_PROXY = special("ethnic origin, by proxy")


class Purpose(StrEnum):
    """Processing purposes; their legal-basis notes are in docs/privacy.md."""

    ORIENTATION = "orientation"
    CASEWORK = "casework"
    REFERRALS = "referrals"
    INTAKES = "intakes"
    EVALUATION = "evaluation"
    COURSES = "courses"
    SELECTION = "operator selection"
    EVENTS = "events"
    DIRECTORY = "directory"
    COORDINATION = "coordination"
    COMMUNICATION = "communication"
    ACCOUNTS = "accounts and security"
    FRAME = "project frame"


# Data subjects, named once so the table reads the same everywhere.
PERSON = "person followed (by code)"
MET = "person met (anonymous unless linked to a person followed)"
USERS = "users (staff, partner staff)"
NOBODY = "—"

ERASED = "erased with the person (erasure, `sportello retention`)"
KEPT = "kept (anonymous facts for the counts)"
ADMIN = "until deleted by the coordinator"


@dataclass(frozen=True)
class ModelPrivacy:
    subject: str
    purpose: Purpose
    retention: str
    fields: dict[str, F]
    # Why identifying data or free text of this model may be stored unencrypted.
    clear_text: str = ""


M = ModelPrivacy

# The fields every django-otp device has (its abstract Device, ThrottlingMixin, TimestampMixin).
OTP_DEVICE = {
    "id": NONE,
    "user": USER,
    "name": NONE,
    "confirmed": USER,
    "throttling_failure_timestamp": USER,
    "throttling_failure_count": USER,
    "created_at": USER,
    "last_used_at": USER,
}

MODELS: dict[str, ModelPrivacy] = {
    # --- Django's own tables ---------------------------------------------------------------
    "auth.Permission": M(
        NOBODY,
        Purpose.ACCOUNTS,
        "—",
        {"id": NONE, "name": NONE, "content_type": NONE, "codename": NONE},
    ),
    "auth.Group": M(NOBODY, Purpose.ACCOUNTS, "—", {"id": NONE, "name": NONE, "permissions": NONE}),
    "contenttypes.ContentType": M(
        NOBODY, Purpose.ACCOUNTS, "—", {"id": NONE, "app_label": NONE, "model": NONE}
    ),
    "sessions.Session": M(
        USERS,
        Purpose.ACCOUNTS,
        "ends after SPORTELLO_SESSION_IDLE_MINUTES idle minutes; expired rows deleted by "
        "`sportello retention`",
        {
            "session_key": secret(
                "SHA-256 of the session cookie's value (core/sessions.py): the key itself is "
                "only in the cookie"
            ),
            "session_data": user(
                "signed: the user's id, the sign-in step, new recovery codes until shown"
            ),
            "expire_date": USER,
        },
    ),
    "core.DemoData": M(NOBODY, Purpose.FRAME, "—", {"id": NONE, "loaded_at": NONE}),
    # --- accounts --------------------------------------------------------------------------
    "accounts.User": M(
        USERS,
        Purpose.ACCOUNTS,
        "deactivated, not deleted (the audit log names the user)",
        {
            "id": NONE,
            "password": secret("argon2 hash"),
            "last_login": USER,
            "is_superuser": USER,
            "username": USER,
            "first_name": USER,
            "last_name": USER,
            "email": USER,
            "is_staff": USER,
            "is_active": USER,
            "date_joined": USER,
            "code": NONE,
            "role": USER,
            "language": USER,
            "groups": NONE,
            "user_permissions": NONE,
            "municipalities": user("an officer's municipalities"),
        },
    ),
    "accounts.AuditEvent": M(
        f"{USERS}; people followed by code",
        Purpose.ACCOUNTS,
        "kept (no retention period set: see open points)",
        {
            "id": NONE,
            "at": USER,
            "user": USER,
            "role": USER,
            "action": USER,
            "object_type": NONE,
            "object_code": pseudo("the object's code: a person's code, a record's UUID"),
            "detail": pseudo("short, never a name; may hold a person's code"),
        },
    ),
    # --- two-step sign-in (django-otp) ------------------------------------------------------
    "otp_totp.TOTPDevice": M(
        USERS,
        Purpose.ACCOUNTS,
        "deleted when two-step sign-in is turned off or reset",
        {
            **OTP_DEVICE,
            "key": secret("the authenticator's shared secret, stored in clear by django-otp"),
            "step": NONE,
            "t0": NONE,
            "digits": NONE,
            "tolerance": NONE,
            "drift": NONE,
            "last_t": USER,
        },
    ),
    "otp_static.StaticDevice": M(
        USERS,
        Purpose.ACCOUNTS,
        "deleted when two-step sign-in is turned off or reset",
        {
            **OTP_DEVICE,
        },
    ),
    "otp_static.StaticToken": M(
        USERS,
        Purpose.ACCOUNTS,
        "deleted when used, replaced, or two-step sign-in is turned off",
        {
            "id": NONE,
            "device": USER,
            "token": secret(
                "a single-use recovery code, as a keyed hash (data key), never in clear"
            ),
        },
    ),
    # --- sign-in lockout (django-axes, accounts/throttle.py) --------------------------------
    "axes.AccessAttempt": M(
        "users and anyone trying to sign in",
        Purpose.ACCOUNTS,
        "deleted at any sign-in once older than SPORTELLO_LOGIN_LOCKOUT_MINUTES, and when that "
        "user's sign-in from that address finishes",
        {
            "id": NONE,
            "user_agent": user("the browser's self-description"),
            "ip_address": user("the address the failed attempts came from"),
            "username": secret("a keyed hash of the username typed, never the username"),
            "http_accept": NONE,
            "path_info": NONE,
            "attempt_time": USER,
            "get_data": user("the sign-in page's query (the page to return to)"),
            "post_data": user("the form's other fields; username, password and code masked"),
            "failures_since_start": USER,
        },
    ),
    "axes.AccessAttemptExpiration": M(
        NOBODY,
        Purpose.ACCOUNTS,
        "unused (AXES_USE_ATTEMPT_EXPIRATION is off): stays empty",
        {"access_attempt": NONE, "expires_at": NONE},
    ),
    "axes.AccessFailureLog": M(
        "users and anyone trying to sign in",
        Purpose.ACCOUNTS,
        "unused (AXES_ENABLE_ACCESS_FAILURE_LOG is off): stays empty",
        {
            "id": NONE,
            "user_agent": USER,
            "ip_address": USER,
            "username": USER,
            "http_accept": NONE,
            "path_info": NONE,
            "attempt_time": USER,
            "locked_out": USER,
        },
    ),
    "axes.AccessLog": M(
        USERS,
        Purpose.ACCOUNTS,
        "unused (AXES_DISABLE_ACCESS_LOG is on; sign-ins are in the audit log): stays empty",
        {
            "id": NONE,
            "user_agent": USER,
            "ip_address": USER,
            "username": USER,
            "http_accept": NONE,
            "path_info": NONE,
            "attempt_time": USER,
            "logout_time": USER,
            "session_hash": secret("a hash of the session key"),
        },
    ),
    # --- territory -------------------------------------------------------------------------
    "territory.Municipality": M(
        NOBODY,
        Purpose.FRAME,
        "—",
        {
            "id": NONE,
            "name": NONE,
            "slug": NONE,
            "province": NONE,
            "postal_code": NONE,
            "latitude": NONE,
            "longitude": NONE,
        },
    ),
    "territory.Place": M(
        NOBODY,
        Purpose.ORIENTATION,
        "—",
        {
            "id": NONE,
            "code": NONE,
            "name": NONE,
            "kind": F(Kind.NONE, "a person met here inherits the kind: see `PLACE_PROXY`"),
            "municipality": NONE,
            "address": NONE,
            "latitude": NONE,
            "longitude": NONE,
            "active": NONE,
        },
    ),
    "territory.Project": M(
        NOBODY,
        Purpose.FRAME,
        "—",
        {
            "id": NONE,
            "code": NONE,
            "name": NONE,
            "start_date": NONE,
            "end_date": NONE,
            "funders": NONE,
            "lead_municipality": NONE,
            "partner_municipalities": NONE,
        },
    ),
    "territory.Target": M(
        NOBODY,
        Purpose.EVALUATION,
        "—",
        {"id": NONE, "project": NONE, "code": NONE, "value": NONE},
    ),
    # --- directory (public by design) ------------------------------------------------------
    "directory.TaxonomyTerm": M(
        NOBODY,
        Purpose.DIRECTORY,
        "—",
        {
            "id": NONE,
            "code": NONE,
            "name": NONE,
            "description": NONE,
            "sensitive": NONE,
            "position": NONE,
            "external_taxonomy": NONE,
            "external_code": NONE,
        },
    ),
    "directory.Organization": M(
        "organisations (an e-mail may be a person's work address)",
        Purpose.DIRECTORY,
        ADMIN,
        {
            "id": NONE,
            "name": PUBLIC,
            "alternate_name": PUBLIC,
            "description": PUBLIC,
            "email": PUBLIC,
            "website": PUBLIC,
            "legal_status": PUBLIC,
            "last_modified": NONE,
        },
    ),
    "directory.Service": M(
        "services; the user who last checked the record",
        Purpose.DIRECTORY,
        "defunct services kept (history)",
        {
            "id": NONE,
            "organization": PUBLIC,
            "name": PUBLIC,
            "alternate_name": PUBLIC,
            "description": PUBLIC,
            "url": PUBLIC,
            "email": PUBLIC,
            "status": PUBLIC,
            "interpretation_services": PUBLIC,
            "application_process": PUBLIC,
            "eligibility_description": PUBLIC,
            "fees_description": PUBLIC,
            "alert": PUBLIC,
            "minimum_age": PUBLIC,
            "maximum_age": PUBLIC,
            "is_free": PUBLIC,
            "welcomes_undocumented": F(Kind.PUBLIC, "a property of the service, never of a person"),
            "categories": PUBLIC,
            "service_areas": PUBLIC,
            "assured_date": PUBLIC,
            "assurer": USER,
            "created_at": NONE,
            "last_modified": NONE,
            "version": NONE,
        },
    ),
    "directory.Location": M(
        NOBODY,
        Purpose.DIRECTORY,
        ADMIN,
        {
            "id": NONE,
            "organization": PUBLIC,
            "location_type": PUBLIC,
            "name": PUBLIC,
            "description": PUBLIC,
            "url": PUBLIC,
            "transportation": PUBLIC,
            "accessibility": PUBLIC,
            "address_1": PUBLIC,
            "city": PUBLIC,
            "postal_code": PUBLIC,
            "state_province": PUBLIC,
            "country": PUBLIC,
            "municipality": PUBLIC,
            "latitude": PUBLIC,
            "longitude": PUBLIC,
            "last_modified": NONE,
        },
    ),
    "directory.ServiceAtLocation": M(
        NOBODY,
        Purpose.DIRECTORY,
        ADMIN,
        {"id": NONE, "service": PUBLIC, "location": PUBLIC, "description": PUBLIC},
    ),
    "directory.Phone": M(
        "services (a number may be a professional's)",
        Purpose.DIRECTORY,
        ADMIN,
        {
            "id": NONE,
            "service": PUBLIC,
            "location": PUBLIC,
            "organization": PUBLIC,
            "number": PUBLIC,
            "extension": PUBLIC,
            "type": PUBLIC,
            "description": PUBLIC,
        },
    ),
    "directory.Schedule": M(
        NOBODY,
        Purpose.DIRECTORY,
        ADMIN,
        {
            "id": NONE,
            "service": PUBLIC,
            "location": PUBLIC,
            "service_at_location": PUBLIC,
            "weekday": PUBLIC,
            "opens_at": PUBLIC,
            "closes_at": PUBLIC,
            "valid_from": PUBLIC,
            "valid_to": PUBLIC,
            "notes": PUBLIC,
        },
    ),
    "directory.ServiceLanguage": M(
        NOBODY,
        Purpose.DIRECTORY,
        ADMIN,
        {"id": NONE, "service": PUBLIC, "code": PUBLIC, "name": PUBLIC, "note": PUBLIC},
    ),
    "directory.CostOption": M(
        NOBODY,
        Purpose.DIRECTORY,
        ADMIN,
        {
            "id": NONE,
            "service": PUBLIC,
            "option": PUBLIC,
            "amount": PUBLIC,
            "currency": PUBLIC,
            "amount_description": PUBLIC,
            "valid_from": PUBLIC,
            "valid_to": PUBLIC,
        },
    ),
    "directory.RequiredDocument": M(
        NOBODY,
        Purpose.DIRECTORY,
        ADMIN,
        {"id": NONE, "service": PUBLIC, "document": PUBLIC, "uri": PUBLIC},
    ),
    "directory.Contact": M(
        "a service's contact person (a professional)",
        Purpose.DIRECTORY,
        ADMIN,
        {
            "id": NONE,
            "service": PUBLIC,
            "organization": PUBLIC,
            "name": F(Kind.PUBLIC, "a professional's name, published"),
            "title": PUBLIC,
            "department": PUBLIC,
            "email": PUBLIC,
        },
    ),
    "directory.ServiceVersion": M(
        "services; the user who made the change",
        Purpose.DIRECTORY,
        "kept with the service (history)",
        {
            "id": NONE,
            "service": PUBLIC,
            "number": NONE,
            "at": USER,
            "by": USER,
            "summary": NONE,
            "data": F(Kind.PUBLIC, "a snapshot of the public record"),
        },
    ),
    "directory.EditProposal": M(
        "the municipal officer who proposed, the user who decided",
        Purpose.DIRECTORY,
        "kept with the service (history)",
        {
            "id": NONE,
            "service": PUBLIC,
            "base_version": NONE,
            "proposed_by": USER,
            "proposed_at": USER,
            "data": F(Kind.PUBLIC, "the proposed public record"),
            "comment": user("free text written by the officer"),
            "status": NONE,
            "decided_by": USER,
            "decided_at": USER,
            "decision_note": user("free text written by the decider"),
        },
    ),
    "directory.SearchEntry": M(
        NOBODY,
        Purpose.DIRECTORY,
        "rebuilt from the services",
        {"service": PUBLIC, "active": PUBLIC, "free": PUBLIC, "undocumented": PUBLIC},
    ),
    # --- casework: the people followed -----------------------------------------------------
    "casework.Beneficiary": M(
        PERSON,
        Purpose.CASEWORK,
        "the row stays with its anonymous facts after erasure (see open points)",
        {
            "id": NONE,
            "code": pseudo("the case key, e.g. SM-7K2-M9Q"),
            "year_of_birth": pseudo("quasi-identifier"),
            "gender": PSEUDO,
            "citizenship": ETHNIC_PROXY,
            "languages": ETHNIC_PROXY,
            "municipality": pseudo("quasi-identifier in municipalities of 500–1,600 residents"),
            "generation": special("ethnic origin, by proxy (migration background)"),
            "arrival_year": pseudo("quasi-identifier"),
            "created_at": PSEUDO,
            "created_by": USER,
            "erased_at": PSEUDO,
            "version": NONE,
            "operators": user("the operators following the person"),
        },
    ),
    "casework.Identity": M(
        PERSON,
        Purpose.CASEWORK,
        "deleted at erasure; phone and phone_index: erased when the consent to be contacted by "
        "phone is withdrawn (kept only with it)",
        {
            "id": NONE,
            "beneficiary": PSEUDO,
            "first_name": IDENT,
            "family_name": IDENT,
            "phone": IDENT,
            "email": IDENT,
            "name_index": secret("keyed hash (HMAC blind index) of the full name"),
            "phone_index": secret("keyed hash (HMAC blind index) of the phone digits"),
        },
    ),
    "casework.Note": M(
        PERSON,
        Purpose.CASEWORK,
        "deleted at erasure",
        {
            "id": NONE,
            "beneficiary": PSEUDO,
            "text": TEXT,
            "created_at": PSEUDO,
            "created_by": USER,
        },
    ),
    "casework.Consent": M(
        PERSON,
        Purpose.CASEWORK,
        KEPT,
        {
            "id": NONE,
            "beneficiary": PSEUDO,
            "purpose": PSEUDO,
            "service": HEALTH_BY_SERVICE,
            "text_version": PSEUDO,
            "given_at": PSEUDO,
            "recorded_by": USER,
            "withdrawn_at": PSEUDO,
            "withdrawn_by": USER,
        },
    ),
    "casework.Encounter": M(
        MET,
        Purpose.ORIENTATION,
        "free text erased with the person; of anonymous encounters, by `sportello retention`",
        {
            "id": NONE,
            "code": NONE,
            "date": PSEUDO,
            "place": PLACE_PROXY,
            "operator": USER,
            "beneficiary": PSEUDO,
            "referral_source": PSEUDO,
            "gender": PSEUDO,
            "age_band": PSEUDO,
            "language": ETHNIC_PROXY,
            "needs": HEALTH_BY_CATEGORY,
            "information_given": TEXT,
            "services_suggested": HEALTH_BY_SERVICE,
            "created_at": PSEUDO,
        },
    ),
    "casework.Need": M(
        PERSON,
        Purpose.CASEWORK,
        f"note: {ERASED}; category and dates {KEPT}",
        {
            "id": NONE,
            "code": NONE,
            "beneficiary": PSEUDO,
            "category": HEALTH_BY_CATEGORY,
            "note": TEXT,
            "priority": PSEUDO,
            "status": PSEUDO,
            "created_at": PSEUDO,
            "created_by": USER,
        },
    ),
    "casework.Path": M(
        PERSON,
        Purpose.CASEWORK,
        f"outcome: {ERASED}; dates and status {KEPT}",
        {
            "id": NONE,
            "code": NONE,
            "beneficiary": PSEUDO,
            "operator": USER,
            "start_date": PSEUDO,
            "status": PSEUDO,
            "closed_on": PSEUDO,
            "outcome": TEXT,
            "version": NONE,
        },
    ),
    "casework.Goal": M(
        PERSON,
        Purpose.CASEWORK,
        f"text: {ERASED}",
        {
            "id": NONE,
            "path": PSEUDO,
            "category": HEALTH_BY_CATEGORY,
            "text": TEXT,
            "due_date": PSEUDO,
            "achieved_on": PSEUDO,
        },
    ),
    "casework.Referral": M(
        PERSON,
        Purpose.REFERRALS,
        f"note: {ERASED}; service, states and dates {KEPT}",
        {
            "id": NONE,
            "code": NONE,
            "path": PSEUDO,
            "need": PSEUDO,
            "service": HEALTH_BY_SERVICE,
            "state": PSEUDO,
            "note_for_service": TEXT,
            "created_at": PSEUDO,
            "sent_at": PSEUDO,
            "received_at": PSEUDO,
            "closed_at": PSEUDO,
        },
    ),
    "casework.ReferralEvent": M(
        PERSON,
        Purpose.REFERRALS,
        f"note: {ERASED}",
        {
            "id": NONE,
            "referral": PSEUDO,
            "state": PSEUDO,
            "at": PSEUDO,
            "by": USER,
            "by_provider": PSEUDO,
            "note": TEXT,
        },
    ),
    "casework.ReferralLink": M(
        PERSON,
        Purpose.REFERRALS,
        "expires after SPORTELLO_REFERRAL_LINK_DAYS, at a final state, at erasure",
        {
            "id": NONE,
            "referral": PSEUDO,
            "token_hash": secret("SHA-256 of the link's token"),
            "created_at": PSEUDO,
            "expires_at": PSEUDO,
            "used_up_at": PSEUDO,
        },
    ),
    "casework.FollowUp": M(
        PERSON,
        Purpose.CASEWORK,
        f"note: {ERASED}",
        {
            "id": NONE,
            "code": NONE,
            "beneficiary": PSEUDO,
            "path": PSEUDO,
            "operator": USER,
            "due_date": PSEUDO,
            "done_on": PSEUDO,
            "note": TEXT,
        },
    ),
    "casework.Intake": M(
        "person reported by partner staff; the sender",
        Purpose.INTAKES,
        "texts erased with the person; of intakes not linked to a person, by `sportello retention`",
        {
            "id": NONE,
            "code": NONE,
            "place": PLACE_PROXY,
            "sent_by": USER,
            "link": NONE,
            "source": PSEUDO,
            "sender_name": F(Kind.IDENTIFYING, "the sender's name and role"),
            "how_to_reach": F(Kind.IDENTIFYING, "how to reach the person"),
            "need": HEALTH_BY_CATEGORY,
            "note": TEXT,
            "person_agreed": PSEUDO,
            "received_at": PSEUDO,
            "status": PSEUDO,
            "handled_by": USER,
            "handled_at": PSEUDO,
            "encounter": PSEUDO,
        },
    ),
    "casework.IntakeLink": M(
        "the user who made the link",
        Purpose.INTAKES,
        "until revoked (kept revoked)",
        {
            "id": NONE,
            "code": NONE,
            "place": NONE,
            "token_hash": secret("SHA-256 of the link's token"),
            "created_at": NONE,
            "created_by": USER,
            "revoked_at": NONE,
        },
    ),
    "casework.Transfer": M(
        PERSON,
        Purpose.CASEWORK,
        KEPT,
        {
            "id": NONE,
            "beneficiary": PSEUDO,
            "from_operator": USER,
            "to_operator": USER,
            "at": PSEUDO,
            "by": USER,
        },
    ),
    # --- outreach --------------------------------------------------------------------------
    "outreach.VisitPlan": M(
        "the operator (working times)",
        Purpose.ORIENTATION,
        "kept (deactivated, not deleted)",
        {
            "id": NONE,
            "code": NONE,
            "place": NONE,
            "operator": USER,
            "weekday": USER,
            "starts_at": USER,
            "ends_at": USER,
            "valid_from": USER,
            "valid_to": USER,
            "active": NONE,
        },
    ),
    "outreach.Visit": M(
        "the operator",
        Purpose.ORIENTATION,
        "kept (counts)",
        {
            "id": NONE,
            "code": NONE,
            "date": USER,
            "place": NONE,
            "operator": USER,
            "plan": NONE,
            "minutes": USER,
            "created_at": NONE,
        },
    ),
    "outreach.AnonymousContact": M(
        "nobody (a tally of people met)",
        Purpose.ORIENTATION,
        "kept (counts)",
        {
            "id": NONE,
            "visit": NONE,
            "gender": ANON,
            "age_band": ANON,
            "language": ANON,
            "need": ANON,
        },
    ),
    "outreach.CalendarToken": M(
        "the operator",
        Purpose.ORIENTATION,
        "until revoked",
        {
            "id": NONE,
            "user": USER,
            "token_hash": secret("SHA-256 of the feed's token"),
            "created_at": NONE,
            "revoked_at": NONE,
        },
    ),
    # --- learning --------------------------------------------------------------------------
    "learning.Course": M(
        "the trainer",
        Purpose.COURSES,
        "kept",
        {
            "id": NONE,
            "code": NONE,
            "kind": NONE,
            "title": NONE,
            "level": NONE,
            "planned_hours": NONE,
            "place": NONE,
            "trainer": USER,
            "starts_on": NONE,
            "ends_on": NONE,
            "created_at": NONE,
        },
    ),
    "learning.Session": M(
        NOBODY,
        Purpose.COURSES,
        "kept",
        {
            "id": NONE,
            "code": NONE,
            "course": NONE,
            "date": NONE,
            "starts_at": NONE,
            "ends_at": NONE,
            "topic": NONE,
            "cancelled": NONE,
        },
    ),
    "learning.Enrolment": M(
        "learner (a person followed, by code) or trainee of the operator training",
        Purpose.COURSES,
        "a learner's: erased with the person; a trainee's: kept (see open points)",
        {
            "id": NONE,
            "code": NONE,
            "course": PSEUDO,
            "beneficiary": PSEUDO,
            "name": F(Kind.IDENTIFYING, "a trainee's name"),
            "association": pseudo("a trainee's association"),
            "email": F(Kind.IDENTIFYING, "a trainee's e-mail"),
            "languages": ETHNIC_PROXY,
            "enrolled_at": PSEUDO,
        },
    ),
    "learning.Attendance": M(
        "learner or trainee",
        Purpose.COURSES,
        KEPT,
        {
            "id": NONE,
            "session": NONE,
            "enrolment": PSEUDO,
            "present": PSEUDO,
            "recorded_at": PSEUDO,
        },
    ),
    "learning.Assessment": M(
        "trainee",
        Purpose.SELECTION,
        "kept (see open points)",
        {
            "id": NONE,
            "enrolment": PSEUDO,
            "aptitude": PSEUDO,
            "languages": PSEUDO,
            "territory": PSEUDO,
            "migration_background": special(
                "ethnic origin, by proxy: the trainee's own migration background"
            ),
            "notes": TEXT,
            "assessed_by": USER,
            "assessed_at": PSEUDO,
        },
    ),
    "learning.Selection": M(
        "trainee",
        Purpose.SELECTION,
        "kept (see open points)",
        {
            "id": NONE,
            "code": NONE,
            "course": NONE,
            "enrolment": PSEUDO,
            "reasons": TEXT,
            "decided_by": USER,
            "decided_at": PSEUDO,
            "user": user("the operator account given to the selected trainee"),
        },
    ),
    # --- communication ---------------------------------------------------------------------
    "communication.FlyerText": M(
        NOBODY,
        Purpose.COMMUNICATION,
        "—",
        {
            "id": NONE,
            "language": NONE,
            "title": NONE,
            "offer": NONE,
            "free_confidential": NONE,
            "where_heading": NONE,
            "contact_heading": NONE,
            "contact": PUBLIC,
            "qr_caption": NONE,
            "updated_at": NONE,
        },
    ),
    "communication.Distribution": M(
        "the user who recorded it",
        Purpose.COMMUNICATION,
        "kept (counts)",
        {
            "id": NONE,
            "code": NONE,
            "date": NONE,
            "place": NONE,
            "language": NONE,
            "copies": NONE,
            "recorded_by": USER,
            "created_at": NONE,
        },
    ),
    "communication.NewsItem": M(
        "the author",
        Purpose.COMMUNICATION,
        ADMIN,
        {
            "id": NONE,
            "code": NONE,
            "title": PUBLIC,
            "body": PUBLIC,
            "date": PUBLIC,
            "status": NONE,
            "image": F(Kind.PUBLIC, "an image may show people: the author's responsibility"),
            "image_alt": PUBLIC,
            "created_by": USER,
            "created_at": NONE,
            "updated_at": NONE,
        },
    ),
    "communication.Event": M(
        NOBODY,
        Purpose.EVENTS,
        ADMIN,
        {
            "id": NONE,
            "code": NONE,
            "slug": PUBLIC,
            "kind": PUBLIC,
            "title": PUBLIC,
            "summary": PUBLIC,
            "programme": F(Kind.PUBLIC, "may name speakers"),
            "starts_at": PUBLIC,
            "ends_at": PUBLIC,
            "place": PUBLIC,
            "venue": PUBLIC,
            "published": NONE,
            "registration_open": NONE,
            "capacity": PUBLIC,
            "link_report": NONE,
        },
    ),
    "communication.Registration": M(
        "people who register to a public event",
        Purpose.EVENTS,
        "name, organisation and e-mail erased SPORTELLO_EVENT_RETENTION_MONTHS after the "
        "event by `sportello retention`; attendance kept",
        {
            "id": NONE,
            "code": NONE,
            "event": PSEUDO,
            "name": IDENT,
            "organisation": pseudo("the registrant's organisation"),
            "email": IDENT,
            "language": pseudo("the language of the page they used"),
            "attended": PSEUDO,
            "created_at": PSEUDO,
        },
        clear_text="given by the registrants on a public form for a public event; read by the "
        "coordinator only, and erased after the event",
    ),
    # --- coordination ----------------------------------------------------------------------
    "coordination.Member": M(
        "group members (users)",
        Purpose.COORDINATION,
        ADMIN,
        {"id": NONE, "code": NONE, "municipality": NONE, "user": USER, "substitute": USER},
    ),
    "coordination.Meeting": M(
        "group members",
        Purpose.COORDINATION,
        "kept (minutes)",
        {
            "id": NONE,
            "code": NONE,
            "title": NONE,
            "date": NONE,
            "starts_at": NONE,
            "place": NONE,
            "venue": NONE,
            "minutes": user("free text: may name members, never a person followed"),
            "headlines": F(Kind.ANONYMOUS, "suppressed figures, as officers see them"),
            "created_by": USER,
            "created_at": NONE,
        },
    ),
    "coordination.AgendaItem": M(
        NOBODY,
        Purpose.COORDINATION,
        "kept (minutes)",
        {"id": NONE, "meeting": NONE, "position": NONE, "text": NONE},
    ),
    "coordination.Attendance": M(
        "group members",
        Purpose.COORDINATION,
        "kept (minutes)",
        {"id": NONE, "meeting": NONE, "member": USER, "status": USER},
    ),
    "coordination.Attachment": M(
        "group members; whoever an uploaded file names",
        Purpose.COORDINATION,
        ADMIN,
        {
            "id": NONE,
            "code": NONE,
            "meeting": NONE,
            "file": user("uploaded file: its content is not checked by the app"),
            "name": NONE,
            "size": NONE,
            "content_type": NONE,
            "uploaded_by": USER,
            "uploaded_at": NONE,
        },
    ),
    "coordination.Decision": M(
        "group members",
        Purpose.COORDINATION,
        "kept (minutes)",
        {
            "id": NONE,
            "code": NONE,
            "meeting": NONE,
            "text": NONE,
            "owner": USER,
            "due_date": NONE,
            "status": NONE,
            "closed_at": NONE,
            "created_at": NONE,
        },
    ),
}


# --- pages -----------------------------------------------------------------------------------
# What a page shows, by URL namespace ("" is the root namespace); `PAGE_OVERRIDES` names single
# pages that differ from their namespace. Labels are short: they are cells of a table.

P_NONE = "—"
P_PERSON = "person followed: record, needs (special categories)"
P_IDENTITY = "person followed, **with identity** (name, phone, e-mail)"
P_FORM = "a form: sends personal data, shows none back"
P_USERS = "users (names, e-mail, role)"
P_PUBLIC = "public directory"

PAGES: dict[str, str] = {
    "": P_NONE,
    "accounts": P_NONE,
    "territory": P_NONE,
    "directory": P_PUBLIC + "; proposer and decider",
    "datapackage": P_PUBLIC,
    "outreach": "the operator's rota and visits; anonymous tallies",
    "casework": P_PERSON,
    "tutoring": "person followed: paths, referrals, follow-ups (special categories)",
    "ical": "the operator's planned visits (places, times)",
    "links": P_FORM,
    "indicators": "aggregates: exact for the coordinator, suppressed for others",
    "learning": "learners (code; name with consent) and trainees (name, e-mail, assessment)",
    "coordination": "group members (users); minutes",
    "events": P_NONE,
    "flyers": P_NONE,
    "news": P_NONE,
    "hsds": P_PUBLIC,
    "public": P_NONE,
    "public_directory": P_PUBLIC,
    "public_outreach": "places and times of the desk",
    "public_indicators": "aggregates, suppressed",
    "public_events": P_FORM,
    "public_flyer": P_NONE,
    "public_news": P_NONE,
}

PAGE_OVERRIDES: dict[str, str] = {
    "staff_home": "counts of one's own agenda",
    "accounts:user_list": P_USERS,
    "accounts:user_create": P_USERS,
    "accounts:user_edit": P_USERS,
    "accounts:audit_log": "audit log (users; people by code)",
    "accounts:account": "one's own account and two-step sign-in",
    "accounts:recovery_codes": "one's own recovery codes (shown once)",
    "accounts:recovery_codes_print": "one's own recovery codes (shown once)",
    "accounts:two_factor_reset": P_USERS,
    "casework:person_list": P_PERSON + "; search by exact name or phone",
    "casework:person_create": P_IDENTITY,
    "casework:person_identity": P_IDENTITY,
    "casework:person_export": P_PERSON,
    "casework:person_export_json": P_IDENTITY + ": everything (art. 15)",
    "casework:person_export_pdf": P_IDENTITY + ": everything (art. 15)",
    "casework:encounter_list": "encounters: anonymous or by code",
    "casework:encounter_create": "encounters: anonymous or by code",
    "tutoring:intake_new": P_FORM,
    "tutoring:intake_sent": P_NONE,
    "tutoring:intake_inbox": "intakes: need, place, date",
    "tutoring:intake_detail": "an intake, **with how to reach the person** and the sender",
    "tutoring:intake_links": "the places' intake links",
    "tutoring:intake_link_revoke": P_NONE,
    "tutoring:referral_slip": "the person's code, the service's address and hours",
    "links:provider": "the person's code, the note for the service (while consent stands)",
    "indicators:extract": "record-level extract: no code, no name, no sensitive need",
    "learning:course_create": P_NONE,
    "events:list": "events; counts of registrants",
    "events:registrations": "registrants (name, organisation, e-mail)",
    "directory:service_propose": P_PUBLIC,
    "public_events:list": P_NONE,
}

# Object-level rules that narrow a role's ✓ in the access table to "own" objects: by namespace,
# or by URL name (which wins; an empty dict lifts the namespace's rule).
# An operator: the people they follow (and their encounters, paths…), their own rota and visits;
# a trainer: the courses they teach; a municipal officer: their own proposals.
OWN = "own"
OBJECT_RULES: dict[str, dict[str, str]] = {
    "casework": {"operator": OWN},
    "tutoring": {"operator": OWN},
    "outreach": {"operator": OWN},
    "learning": {"trainer": OWN},
    "casework:person_create": {},
    # Intakes are for the whole desk: every operator handles them.
    "tutoring:intake_new": {},
    "tutoring:intake_sent": {},
    "tutoring:intake_inbox": {},
    "tutoring:intake_detail": {},
    "tutoring:intake_accept": {},
    "tutoring:intake_dismiss": {},
    "tutoring:intake_links": {},
    "tutoring:intake_link_revoke": {},
    "directory:proposal_list": {"municipal_officer": OWN},
    "directory:proposal_detail": {"municipal_officer": OWN},
}

# Roles in the order of the table's columns, with short headings.
ROLE_COLUMNS = [
    ("coordinator", "coord."),
    ("operator", "operator"),
    ("municipal_officer", "officer"),
    ("trainer", "trainer"),
    ("partner_staff", "partner"),
    (None, "public"),
]

# Names of the namespaces in the access table, in the order shown.
AREAS: dict[str, str] = {
    "": "home, language, health check",
    "accounts": "accounts",
    "casework": "people followed",
    "tutoring": "social tutoring",
    "links": "secret links (no account)",
    "ical": "secret links (no account)",
    "outreach": "outreach",
    "territory": "places and project",
    "directory": "directory (staff)",
    "datapackage": "directory (staff)",
    "indicators": "indicators",
    "learning": "courses",
    "coordination": "coordination group",
    "events": "events (staff)",
    "flyers": "flyers and news (staff)",
    "news": "flyers and news (staff)",
    "public": "public pages",
    "public_directory": "public pages",
    "hsds": "public pages",
    "public_outreach": "public pages",
    "public_indicators": "public pages",
    "public_events": "public pages",
    "public_flyer": "public pages",
    "public_news": "public pages",
}
