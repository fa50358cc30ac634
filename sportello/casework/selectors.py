"""Reads of the casework app: lists, the person page, consent checks, service suggestions, the
access-request export and retention. Views get people through casework.access first."""

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from babel.dates import format_date
from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from sportello.accounts.models import AuditEvent, Role, User
from sportello.casework.access import beneficiaries_for
from sportello.casework.models import (
    Beneficiary,
    Consent,
    Encounter,
    FollowUp,
    Goal,
    Identity,
    Intake,
    IntakeLink,
    Need,
    Note,
    Path,
    Referral,
    Transfer,
)
from sportello.casework.services import RETENTION_RUN, full_name_index, phone_index
from sportello.casework.vocabulary import country_name, language_name
from sportello.directory.models import Schedule, Service, ServiceAtLocation, TaxonomyTerm
from sportello.learning.models import Enrolment
from sportello.territory.models import Municipality

# ---------------------------------------------------------------------------------------------
# People (helper-6)
# ---------------------------------------------------------------------------------------------

CODE_RE = re.compile(r"^SM-?[2-9A-HJKMNP-Z]{3}-?[2-9A-HJKMNP-Z]{3}$")
PHONE_RE = re.compile(r"^\+?[\d ./()-]{6,}$")


def normalise_code(value: str) -> str:
    """'sm 7k2m9q' / 'SM7K2M9Q' → 'SM-7K2-M9Q' (unchanged when it is not a code)."""
    compact = re.sub(r"[\s-]", "", value).upper()
    if len(compact) == 8 and compact.startswith("SM"):
        return f"SM-{compact[2:5]}-{compact[5:]}"
    return value.strip().upper()


def looks_like_code(value: str) -> bool:
    return bool(CODE_RE.match(normalise_code(value)))


def looks_like_phone(value: str) -> bool:
    return bool(PHONE_RE.match(value.strip()))


def with_list_facts(people: QuerySet[Beneficiary]) -> QuerySet[Beneficiary]:
    """What the people list shows, in one query: open needs (a count only — no categories, so a
    list never shows sensitive needs), last contact, whether an identity is recorded."""
    return people.select_related("municipality").annotate(
        open_needs=Count("needs", filter=Q(needs__status=Need.Status.OPEN), distinct=True),
        last_contact=Max("encounters__date"),
        has_identity=Exists(Identity.objects.filter(beneficiary=OuterRef("pk"))),
    )


def beneficiary_list(user: User, *, municipality: Municipality | None = None):
    people = beneficiaries_for(user)
    if municipality is not None:
        people = people.filter(municipality=municipality)
    return with_list_facts(people).order_by("-created_at")


@dataclass
class FindResult:
    kind: str  # "code", "name", "phone" or "" (nothing to search)
    people: list[Beneficiary] = field(default_factory=list)
    others: int = 0  # matches among people the user does not follow (not shown)


def find_people(user: User, query: str) -> FindResult:
    """Find by code, or by exact (normalised) full name or phone through the blind indexes —
    never by decrypting rows."""
    query = query.strip()
    if not query:
        return FindResult(kind="")
    visible = beneficiaries_for(user)
    if looks_like_code(query):
        return FindResult(
            kind="code", people=list(with_list_facts(visible.filter(code=normalise_code(query))))
        )
    if looks_like_phone(query):
        kind, condition = "phone", Q(identity__phone_index=phone_index(query))
    else:
        kind, condition = "name", Q(identity__name_index=full_name_index(query, ""))
    people = list(with_list_facts(visible.filter(condition)))
    others = Beneficiary.objects.filter(condition).exclude(pk__in=[p.pk for p in people]).count()
    return FindResult(kind=kind, people=people, others=others)


@dataclass
class Duplicates:
    people: list[Beneficiary]  # possible duplicates the user may open
    others: int  # possible duplicates followed by someone else (existence only, no code)

    def __bool__(self) -> bool:
        return bool(self.people or self.others)


def possible_duplicates(
    user: User, *, first_name: str = "", family_name: str = "", phone: str = ""
) -> Duplicates:
    """People already registered with the same normalised full name or the same phone."""
    condition = Q()
    name = full_name_index(first_name, family_name) if (first_name or family_name) else ""
    if name:
        condition |= Q(identity__name_index=name)
    if phone.strip():
        condition |= Q(identity__phone_index=phone_index(phone))
    if not condition:
        return Duplicates([], 0)
    matches = Beneficiary.objects.filter(condition, erased_at__isnull=True).distinct()
    visible = list(beneficiaries_for(user).filter(pk__in=matches.values("pk")))
    return Duplicates(visible, matches.exclude(pk__in=[p.pk for p in visible]).count())


def person_page(beneficiary: Beneficiary) -> dict:
    """Everything the person page shows, in a fixed number of queries."""
    needs = list(
        beneficiary.needs.select_related("category", "created_by").order_by("status", "-created_at")
    )
    encounters = list(
        beneficiary.encounters.select_related("place", "operator").prefetch_related(
            "needs", "services_suggested"
        )
    )
    consents = list(beneficiary.consents.select_related("service", "recorded_by", "withdrawn_by"))
    identities = Identity.objects.filter(beneficiary=beneficiary)
    stored_phone = identities.values_list("phone_index", flat=True).first()  # None: no identity
    return {
        "needs": needs,
        "open_needs": [need for need in needs if need.status == Need.Status.OPEN],
        "encounters": encounters,
        "consents": consents,
        "notes": list(beneficiary.notes.select_related("created_by")),
        "operators": list(beneficiary.operators.all()),
        "transfers": list(
            beneficiary.transfers.select_related("from_operator", "to_operator", "by")
        ),
        "has_identity": stored_phone is not None,
        "has_phone": bool(stored_phone),
        "consent_state": consent_state(consents),
        "citizenship_name": country_name(beneficiary.citizenship),
        "language_names": [language_name(code) for code in beneficiary.languages],
    }


def age_band_for(year_of_birth: int | None, today: dt.date | None = None) -> str:
    if not year_of_birth:
        return "unknown"
    age = (today or timezone.localdate()).year - year_of_birth
    for limit, band in ((13, "0-13"), (17, "14-17"), (29, "18-29"), (49, "30-49"), (64, "50-64")):
        if age <= limit:
            return band
    return "65+"


# --- consent ---------------------------------------------------------------------------------


def has_consent(beneficiary: Beneficiary, purpose: str, service: Service | None = None) -> bool:
    """Whether the person has a consent for `purpose` that is not withdrawn. For sharing with a
    service (Consent.Purpose.SHARE_WITH_SERVICE), the consent must name that service."""
    consents = Consent.objects.filter(
        beneficiary=beneficiary, purpose=purpose, withdrawn_at__isnull=True
    )
    if purpose == Consent.Purpose.SHARE_WITH_SERVICE:
        if service is None:
            return False
        consents = consents.filter(service=service)
    return consents.exists()


@dataclass(frozen=True)
class ConsentState:
    """What the person's consents allow now (see services.consent_withdraw for the effects)."""

    follow_up_withdrawn_at: dt.datetime | None  # withdrawn and not given again since
    may_call: bool  # contact by phone in force


def consent_state(consents: list[Consent]) -> ConsentState:
    """From the person's consents, already loaded (person_page): no query."""
    follow_up = [c for c in consents if c.purpose == Consent.Purpose.FOLLOW_UP]
    stopped = bool(follow_up) and all(c.withdrawn_at for c in follow_up)
    return ConsentState(
        follow_up_withdrawn_at=max(c.withdrawn_at for c in follow_up) if stopped else None,
        may_call=any(
            c.purpose == Consent.Purpose.CONTACT_BY_PHONE and not c.withdrawn_at for c in consents
        ),
    )


def follow_up_withdrawn_at(beneficiary: Beneficiary) -> dt.datetime | None:
    """When the person withdrew their consent to be followed, if they did and have not given it
    again since; else None (never asked is not a withdrawal: nothing is blocked then)."""
    follow_up = beneficiary.consents.filter(purpose=Consent.Purpose.FOLLOW_UP)
    return consent_state(list(follow_up)).follow_up_withdrawn_at


def still_followed(person: str) -> Q:
    """A condition on a queryset: the person (`person` is the lookup to their id, e.g.
    "beneficiary_id") has not withdrawn their consent to follow-up, or gave it again since.
    Never asked is not a withdrawal: such people stay on the agenda."""
    follow_up = Consent.objects.filter(
        beneficiary_id=OuterRef(person), purpose=Consent.Purpose.FOLLOW_UP
    )
    return ~Exists(follow_up.filter(withdrawn_at__isnull=False)) | Exists(
        follow_up.filter(withdrawn_at__isnull=True)
    )


# --- encounters --------------------------------------------------------------------------------


def encounters_for(user: User) -> QuerySet[Encounter]:
    """Encounters the user may see: the coordinator all, an operator their own and those of the
    people they follow."""
    if user.role == Role.COORDINATOR:
        return Encounter.objects.all()
    if user.role == Role.OPERATOR:
        follows = Beneficiary.operators.through.objects.filter(
            beneficiary=OuterRef("beneficiary_id"), user=user
        )
        return Encounter.objects.filter(Q(operator=user) | Q(Exists(follows)))
    return Encounter.objects.none()


def encounter_list(user: User) -> QuerySet[Encounter]:
    """The encounters list. A linked person's code (and the sensitive need categories of a
    linked person) are shown only when the user may open that person: `person_visible`."""
    visible_people = beneficiaries_for(user).filter(pk=OuterRef("beneficiary_id"))
    return (
        encounters_for(user)
        .select_related("place", "place__municipality", "operator", "beneficiary")
        .prefetch_related("needs")
        .annotate(person_visible=Exists(visible_people))
        .order_by("-date", "-created_at")
    )


def visible_needs(encounter: Encounter) -> list[TaxonomyTerm]:
    """The need categories of an encounter the list may show (see encounter_list)."""
    terms = list(encounter.needs.all())
    if encounter.beneficiary_id is None or getattr(encounter, "person_visible", False):
        return terms
    return [term for term in terms if not term.sensitive]


# --- needs → suggested services --------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    label: str
    good: bool = True


@dataclass
class Suggestion:
    service: Service
    score: float
    reasons: list[Reason]
    distance_km: float | None = None

    def __iter__(self):  # unpacks as (service, score, reasons)
        return iter((self.service, self.score, self.reasons))


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (lat1, lon1, lat2, lon2))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _candidate_services(category_ids: set) -> list[Service]:
    """Active services in any of the categories, with everything the ranking reads (7 queries)."""
    return list(
        Service.objects.filter(
            status=Service.Status.ACTIVE,
            categories__in=category_ids,
        )
        .distinct()
        .prefetch_related(
            "categories",
            "service_areas",
            "languages",
            "schedules",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related(
                    "location", "location__municipality"
                ).prefetch_related(
                    Prefetch("location__schedules", queryset=Schedule.objects.all())
                ),
            ),
        )
    )


def _valid_during(schedule: Schedule, start: dt.date, end: dt.date) -> bool:
    return (schedule.valid_from is None or schedule.valid_from <= end) and (
        schedule.valid_to is None or schedule.valid_to >= start
    )


def _rank(
    service: Service, beneficiary: Beneficiary, today: dt.date
) -> tuple[float, list[Reason], float | None]:
    score, reasons = 0.0, []
    home = beneficiary.municipality
    locations = [sal.location for sal in service.service_at_locations.all()]
    distance = None
    if home is not None:
        areas = {m.pk for m in service.service_areas.all()}
        located_here = any(loc.municipality_id == home.pk for loc in locations)
        distances = [
            haversine_km(home.latitude, home.longitude, loc.latitude, loc.longitude)
            for loc in locations
            if loc.latitude is not None and loc.longitude is not None
        ]
        distance = min(distances) if distances else None
        if located_here:
            score += 3
            reasons.append(Reason(_("In %(place)s") % {"place": home.name}))
        elif home.pk in areas:
            score += 3
            reasons.append(Reason(_("Covers %(place)s") % {"place": home.name}))
        if distance is not None and not located_here:
            if distance <= 8:
                score += 2
            elif distance <= 20:
                score += 1
            reasons.append(Reason(_("%(km)s km away") % {"km": round(distance)}, distance <= 20))
    spoken = {code for code in beneficiary.languages if code != "it"}
    matched = sorted(spoken & {lang.code for lang in service.languages.all()})
    if matched:
        score += 2
        names = ", ".join(language_name(code) for code in matched)
        reasons.append(Reason(_("Speaks %(languages)s") % {"languages": names}))
    schedules = list(service.schedules.all())
    if not schedules:
        schedules = [s for loc in locations for s in loc.schedules.all()]
    week_end = today + dt.timedelta(days=6)
    if any(_valid_during(s, today, week_end) for s in schedules):
        score += 1
        reasons.append(Reason(_("Open this week")))
    elif schedules:
        reasons.append(Reason(_("Closed this week"), good=False))
    else:
        reasons.append(Reason(_("Opening hours not known"), good=False))
    if service.is_free:
        score += 1
        reasons.append(Reason(_("Free")))
    if service.welcomes_undocumented:
        score += 1
        reasons.append(Reason(_("Welcomes people without documents")))
    fresh_since = today - dt.timedelta(days=settings.STALE_AFTER_DAYS)
    if service.assured_date and service.assured_date >= fresh_since:
        score += 0.5
    else:
        score -= 0.5
        reasons.append(Reason(_("Not checked recently"), good=False))
    if beneficiary.year_of_birth:
        age = today.year - beneficiary.year_of_birth
        if (service.minimum_age is not None and age < service.minimum_age) or (
            service.maximum_age is not None and age > service.maximum_age
        ):
            score -= 5
            reasons.append(Reason(_("Age limits may exclude the person"), good=False))
    return score, reasons, distance


def suggestions_for_needs(
    needs: list[Need], *, limit: int | None = None, today: dt.date | None = None
) -> dict[int, list[Suggestion]]:
    """{need.pk: ranked suggestions} for needs of one person, in a fixed number of queries."""
    today = today or timezone.localdate()
    if not needs:
        return {}
    services = _candidate_services({need.category_id for need in needs})
    ranked: dict[int, list[Suggestion]] = {}
    for need in needs:
        suggestions = []
        for service in services:
            if need.category_id not in {term.pk for term in service.categories.all()}:
                continue
            score, reasons, distance = _rank(service, need.beneficiary, today)
            suggestions.append(Suggestion(service, score, reasons, distance))
        suggestions.sort(
            key=lambda s: (
                -s.score,
                s.distance_km if s.distance_km is not None else 1e6,
                s.service.name.casefold(),
            )
        )
        ranked[need.pk] = suggestions[:limit] if limit else suggestions
    return ranked


def suggest_services(
    need: Need, *, limit: int | None = None, today: dt.date | None = None
) -> list[Suggestion]:
    """Active directory services in the need's category, best first. Each item unpacks as
    (service, score, reasons); reasons are short labels shown as badges."""
    return suggestions_for_needs([need], limit=limit, today=today).get(need.pk, [])


# --- the rota: where is the operator today ----------------------------------------------------


def current_place_for(user: User, now: dt.datetime | None = None):
    """The place of the operator's rota slot now (or the first one today), or None."""
    from sportello.outreach.models import VisitPlan

    local = timezone.localtime(now or timezone.now())
    today = local.date()
    slots = list(
        VisitPlan.objects.filter(operator=user, active=True, weekday=today.isoweekday())
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("place")
        .order_by("starts_at")
    )
    for slot in slots:
        if slot.starts_at <= local.time() <= slot.ends_at:
            return slot.place
    return slots[0].place if slots else None


# --- access request (GDPR art. 15) ------------------------------------------------------------


def _date(value) -> str | None:
    return value.isoformat() if value else None


def beneficiary_export(beneficiary: Beneficiary) -> dict:
    """Everything stored about one person, decrypted, as plain JSON-ready data."""
    b = beneficiary
    identity = Identity.objects.filter(beneficiary=b).first()
    paths = list(
        Path.objects.filter(beneficiary=b)
        .select_related("operator")
        .prefetch_related("goals__category")
    )
    referrals = list(
        Referral.objects.filter(path__beneficiary=b)
        .select_related("service", "need", "path")
        .prefetch_related("events")
    )
    enrolments = list(
        Enrolment.objects.filter(beneficiary=b)
        .select_related("course")
        .annotate(
            present=Count("attendances", filter=Q(attendances__present=True), distinct=True),
        )
    )
    # The audit rows about the person and about each of their records (a need, a path…, read
    # or changed, are named by their own code).
    record_codes = {b.code, *(str(p.code) for p in paths), *(str(r.code) for r in referrals)}
    for model, lookup in (
        (Need, "beneficiary"),
        (FollowUp, "beneficiary"),
        (Encounter, "beneficiary"),
        (Intake, "encounter__beneficiary"),
    ):
        record_codes |= {
            str(c) for c in model.objects.filter(**{lookup: b}).values_list("code", flat=True)
        }
    return {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "code": b.code,
            "year_of_birth": b.year_of_birth,
            "gender": b.gender,
            "citizenship": b.citizenship,
            "languages": b.languages,
            "municipality": b.municipality.name if b.municipality else None,
            "generation": b.generation,
            "arrival_year": b.arrival_year,
            "registered_at": _date(b.created_at),
            "erased_at": _date(b.erased_at),
            "operators": [u.display_name for u in b.operators.all()],
        },
        "identity": (
            {
                "first_name": identity.first_name,
                "family_name": identity.family_name,
                "phone": identity.phone,
                "email": identity.email,
            }
            if identity
            else None
        ),
        "notes": [
            {"text": n.text, "written_at": _date(n.created_at)}
            for n in Note.objects.filter(beneficiary=b)
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "service": c.service.name if c.service else None,
                "text_version": c.text_version,
                "given_at": _date(c.given_at),
                "withdrawn_at": _date(c.withdrawn_at),
            }
            for c in Consent.objects.filter(beneficiary=b).select_related("service")
        ],
        "encounters": [
            {
                "date": _date(e.date),
                "place": e.place.name if e.place else None,
                "referred_by": e.referral_source,
                "needs": [t.code for t in e.needs.all()],
                "information_given": e.information_given,
                "services_suggested": [s.name for s in e.services_suggested.all()],
            }
            for e in Encounter.objects.filter(beneficiary=b)
            .select_related("place")
            .prefetch_related("needs", "services_suggested")
        ],
        "needs": [
            {
                "category": n.category.code,
                "note": n.note,
                "priority": n.priority,
                "status": n.status,
                "recorded_at": _date(n.created_at),
            }
            for n in Need.objects.filter(beneficiary=b).select_related("category")
        ],
        "paths": [
            {
                "start_date": _date(p.start_date),
                "status": p.status,
                "closed_on": _date(p.closed_on),
                "outcome": p.outcome,
                "goals": [
                    {
                        "category": g.category.code,
                        "text": g.text,
                        "due_date": _date(g.due_date),
                        "achieved_on": _date(g.achieved_on),
                    }
                    for g in p.goals.all()
                ],
            }
            for p in paths
        ],
        "referrals": [
            {
                "service": r.service.name,
                "state": r.state,
                "note_for_service": r.note_for_service,
                "sent_at": _date(r.sent_at),
                "closed_at": _date(r.closed_at),
                "events": [
                    {"state": ev.state, "at": _date(ev.at), "note": ev.note}
                    for ev in r.events.all()
                ],
            }
            for r in referrals
        ],
        "follow_ups": [
            {"due_date": _date(f.due_date), "done_on": _date(f.done_on), "note": f.note}
            for f in FollowUp.objects.filter(beneficiary=b)
        ],
        "intakes": [
            {
                "received_at": _date(i.received_at),
                "need": i.need.code,
                "how_to_reach": i.how_to_reach,
                "note": i.note,
            }
            for i in Intake.objects.filter(encounter__beneficiary=b).select_related("need")
        ],
        "transfers": [
            {
                "at": _date(t.at),
                "from": t.from_operator.display_name if t.from_operator else None,
                "to": t.to_operator.display_name if t.to_operator else None,
            }
            for t in Transfer.objects.filter(beneficiary=b).select_related(
                "from_operator", "to_operator"
            )
        ],
        "courses": [
            {
                "course": e.course.title,
                "kind": e.course.kind,
                "enrolled_at": _date(e.enrolled_at),
                "sessions_present": e.present,
            }
            for e in enrolments
        ],
        "access_log": [
            {
                "at": _date(a.at),
                "role": a.role,
                "action": a.action,
                "object": a.object_type.rsplit(".", 1)[-1],
                "detail": a.detail,
            }
            for a in AuditEvent.objects.filter(object_code__in=record_codes).order_by("at", "pk")
        ],
    }


# --- retention ---------------------------------------------------------------------------------


def months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def retention_due(*, months: int, today: dt.date | None = None) -> QuerySet[Beneficiary]:
    """People whose identity and free text must now be erased: not erased yet, and either
    - they had paths, all closed, the last one more than `months` months ago; or
    - they never had a path and nothing happened (registration, encounter, follow-up) for more
      than `months` months."""
    cutoff = months_before(today or timezone.localdate(), months)
    open_states = [Path.Status.PROPOSED, Path.Status.ACTIVE]
    people = Beneficiary.objects.filter(erased_at__isnull=True).annotate(
        open_paths=Count("paths", filter=Q(paths__status__in=open_states), distinct=True),
        all_paths=Count("paths", distinct=True),
        last_closed=Max("paths__closed_on"),
        last_encounter=Max("encounters__date"),
        last_follow_up=Max("follow_ups__due_date"),
    )
    closed_long_ago = Q(all_paths__gt=0, open_paths=0, last_closed__lt=cutoff)
    quiet_without_path = (
        Q(all_paths=0, created_at__date__lt=cutoff)
        & (Q(last_encounter__isnull=True) | Q(last_encounter__lt=cutoff))
        & (Q(last_follow_up__isnull=True) | Q(last_follow_up__lt=cutoff))
    )
    return people.filter(closed_long_ago | quiet_without_path).order_by("created_at")


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def unlinked_intakes_due(*, months: int, today: dt.date | None = None) -> QuerySet[Intake]:
    """Intakes that never became part of a person's record (new, dismissed, or accepted as an
    anonymous encounter), received more than `months` months ago, whose texts (the sender, how
    to reach the person, the note) are still there. Intakes of a person followed go with the
    person (retention_due)."""
    cutoff = _start_of(months_before(today or timezone.localdate(), months))
    return (
        Intake.objects.filter(received_at__lt=cutoff)
        .exclude(encounter__beneficiary__isnull=False)
        .filter(~Q(sender_name="") | ~Q(how_to_reach="") | ~Q(note=""))
    )


def anonymous_encounters_due(*, months: int, today: dt.date | None = None) -> QuerySet[Encounter]:
    """Anonymous encounters older than `months` months that still hold free text (information
    given): the text goes, the tallies (date, place, gender, age band, language, needs) stay."""
    cutoff = months_before(today or timezone.localdate(), months)
    return Encounter.objects.filter(beneficiary__isnull=True, date__lt=cutoff).exclude(
        information_given=""
    )


# `sportello retention` must run daily; after this long without a run the coordinator is warned.
RETENTION_LATE_AFTER = dt.timedelta(days=2)


@dataclass(frozen=True)
class RetentionLate:
    last_run: dt.datetime | None  # when the last run finished; None: it never ran
    in_use_since: dt.datetime  # the first audit row: the installation's first use


def retention_late(*, now: dt.datetime | None = None) -> RetentionLate | None:
    """Whether `sportello retention` is late: it last ran more than RETENTION_LATE_AFTER ago, or
    never, on an installation in use for longer than that (a fresh one, demo included, is not
    late). None when all is well. One query, on two indexes of the audit log."""
    now = now or timezone.now()
    last_run = (
        AuditEvent.objects.filter(object_type=RETENTION_RUN, object_code="")
        .order_by("-at")
        .values("at")[:1]
    )
    first = (
        AuditEvent.objects.order_by("at")
        .annotate(last_run=Subquery(last_run))
        .values_list("at", "last_run")
        .first()
    )
    if first is None:  # an empty audit log: nobody has used the installation yet
        return None
    in_use_since, last = first
    if now - (last or in_use_since) <= RETENTION_LATE_AFTER:
        return None
    return RetentionLate(last_run=last, in_use_since=in_use_since)


# ---------------------------------------------------------------------------------------------
# Paths, referrals, the operator's day, intakes (helper-7)
# ---------------------------------------------------------------------------------------------


def paths_of(beneficiary: Beneficiary) -> list[Path]:
    """The person's paths with goals, referrals and follow-ups (5 queries, whatever the rows)."""
    return list(
        beneficiary.paths.select_related("operator").prefetch_related(
            Prefetch("goals", queryset=Goal.objects.select_related("category")),
            Prefetch(
                "referrals",
                queryset=Referral.objects.select_related("service", "need__category"),
            ),
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("done_on", "due_date")),
        )
    )


def path_page(path: Path) -> dict:
    """Everything the path page shows, in a fixed number of queries."""
    beneficiary = path.beneficiary
    return {
        "goals": list(path.goals.select_related("category")),
        "referrals": list(path.referrals.select_related("service", "need__category")),
        "follow_ups": list(
            path.follow_ups.select_related("operator").order_by("done_on", "due_date")
        ),
        "open_needs": list(
            beneficiary.needs.filter(status=Need.Status.OPEN).select_related("category")
        ),
    }


def referral_page(referral: Referral) -> dict:
    link = referral.links.order_by("-created_at").first()
    return {
        "events": list(referral.events.select_related("by")),
        "link": link,
        "link_usable": bool(link and link.used_up_at is None and link.expires_at > timezone.now()),
        "consent": has_consent(
            referral.path.beneficiary, Consent.Purpose.SHARE_WITH_SERVICE, referral.service
        ),
    }


def service_choices_for(need: Need | None) -> QuerySet[Service]:
    """Services a referral may go to: active ones, in the need's category when there is one."""
    services = Service.objects.filter(status=Service.Status.ACTIVE)
    if need is not None:
        services = services.filter(categories=need.category_id)
    return services.order_by("name")


# --- the operator's day ------------------------------------------------------------------------


def overdue_since(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.REFERRAL_OVERDUE_DAYS)


def overdue_referrals(user: User, now: dt.datetime | None = None) -> QuerySet[Referral]:
    """Referrals sent to a service that has not answered for REFERRAL_OVERDUE_DAYS days, of people
    still followed (not of those who withdrew their consent to follow-up)."""
    return (
        Referral.objects.filter(
            still_followed("path__beneficiary_id"),
            state=Referral.State.SENT,
            sent_at__lt=overdue_since(now),
            path__beneficiary__in=beneficiaries_for(user),
        )
        .select_related("service", "path__beneficiary")
        .order_by("sent_at")
    )


def due_follow_ups(user: User, today: dt.date) -> QuerySet[FollowUp]:
    """Follow-ups not done and due today or earlier: an operator's own, or everyone's for the
    coordinator. Not those of people who withdrew their consent to follow-up."""
    follow_ups = FollowUp.objects.filter(
        still_followed("beneficiary_id"),
        done_on__isnull=True,
        due_date__lte=today,
        beneficiary__in=beneficiaries_for(user),
    )
    if user.role != Role.COORDINATOR:
        follow_ups = follow_ups.filter(operator=user)
    return follow_ups.select_related("beneficiary", "path").order_by("due_date")


def new_intakes() -> QuerySet[Intake]:
    return Intake.objects.filter(status=Intake.Status.NEW).select_related(
        "place__municipality", "need"
    )


@dataclass
class Agenda:
    today: dt.date
    visits: list = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    overdue_referrals: list[Referral] = field(default_factory=list)
    intakes: list[Intake] = field(default_factory=list)
    intake_count: int = 0

    @property
    def empty(self) -> bool:
        return not (self.visits or self.follow_ups or self.overdue_referrals or self.intakes)


AGENDA_LIMIT = 50


def agenda_for(user: User, *, now: dt.datetime | None = None) -> Agenda:
    """The "today" page: planned visits, follow-ups due or overdue, overdue referrals and new
    intakes. A fixed number of queries (6), whatever the rows."""
    from sportello.outreach.selectors import planned_visits

    now = now or timezone.now()
    today = timezone.localtime(now).date()
    intakes = new_intakes()
    return Agenda(
        today=today,
        visits=planned_visits(
            None if user.role == Role.COORDINATOR else user, start=today, end=today
        ),
        follow_ups=list(due_follow_ups(user, today)[:AGENDA_LIMIT]),
        overdue_referrals=list(overdue_referrals(user, now)[:AGENDA_LIMIT]),
        intakes=list(intakes[:AGENDA_LIMIT]),
        intake_count=intakes.count(),
    )


@dataclass(frozen=True)
class AgendaSummary:
    follow_ups: int
    overdue_referrals: int
    intakes: int


def agenda_summary(user: User) -> AgendaSummary:
    """Counts for the staff home's "today" card."""
    today = timezone.localdate()
    return AgendaSummary(
        follow_ups=due_follow_ups(user, today).count(),
        overdue_referrals=overdue_referrals(user).count(),
        intakes=new_intakes().count(),
    )


def intake_inbox(status: str = Intake.Status.NEW) -> QuerySet[Intake]:
    """The intakes list: what it shows needs no decryption (place, need, date)."""
    return (
        Intake.objects.filter(status=status)
        .select_related("place__municipality", "need", "handled_by")
        .order_by("-received_at")
    )


def intake_links() -> QuerySet[IntakeLink]:
    return (
        IntakeLink.objects.select_related("place__municipality", "created_by")
        .annotate(intake_count=Count("intakes"))
        .order_by("revoked_at", "place__name")
    )


# --- the printable referral slip -----------------------------------------------------------


def slip_language(beneficiary: Beneficiary) -> str:
    """The first of the person's languages that is a public language, else Italian."""
    for code in beneficiary.languages:
        if code in settings.PUBLIC_LANGUAGES:
            return code
    return "it"


def _intervals(intervals) -> str:
    """("9:00", "12:30") pairs (or ready-made strings) → "9:00–12:30, 14:00–16:00"."""
    return ", ".join(
        item if isinstance(item, str) else f"{item[0]}–{item[1]}" for item in intervals
    )


def slip_data(referral: Referral, language: str) -> dict:
    """What the slip prints, in `language`: the service's name, addresses, opening hours, phones
    and what to bring, and the person's code. Never a name."""
    from django.utils import translation

    from sportello.directory.models import Phone
    from sportello.directory.public_selectors import address_line, opening_hours
    from sportello.directory.search import effective_schedules

    service = (
        Service.objects.select_related("organization")
        .prefetch_related(
            "required_documents",
            Prefetch("phones", queryset=Phone.objects.order_by("type", "number")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related(
                    "location__municipality"
                ).prefetch_related("schedules", "location__schedules", "location__phones"),
            ),
        )
        .get(pk=referral.service_id)
    )
    with translation.override(language):
        schedules = effective_schedules(service)
        # Times as 24-hour "HH:MM" in every language (as on the service's door): the Italian
        # rendering of the same weekly table, with the day names and periods of `language`.
        times = opening_hours(schedules, language="it")
        hours = [
            {
                "period": (
                    _("From %(start)s to %(end)s") % {"start": p.valid_from, "end": p.valid_to}
                    if p.valid_from and p.valid_to
                    else _("From %(start)s") % {"start": p.valid_from}
                    if p.valid_from
                    else _("Until %(end)s") % {"end": p.valid_to}
                    if p.valid_to
                    else ""
                ),
                "days": [
                    [day.name, _intervals(it_day.intervals)]
                    for day, it_day in zip(p.days, it_period.days, strict=True)
                ],
            }
            for p, it_period in zip(opening_hours(schedules, language=language), times, strict=True)
        ]
        phones = [phone.number for phone in service.phones.all()] + [
            phone.number
            for sal in service.service_at_locations.all()
            for phone in sal.location.phones.all()
        ]
        return {
            "lang": language,
            "title": _("Referral slip"),
            "desk": _("Migrant desk"),
            "labels": {
                "code": _("Your code"),
                "date": _("Date"),
                "service": _("Go to"),
                "address": _("Address"),
                "hours": _("Opening hours"),
                "phone": _("Phone"),
                "bring": _("What to bring"),
                "how": _("How to access"),
                "no_hours": _("Opening hours not known: phone before going."),
            },
            "code": referral.path.beneficiary.code,
            "date": format_date(timezone.localdate(), "long", locale=language),
            "service": service.name,
            "service_it": service.name_it if language != "it" else "",
            "organization": service.organization.name,
            "addresses": [address_line(sal.location) for sal in service.service_at_locations.all()],
            "hours": hours,
            "phones": list(dict.fromkeys(phones)),
            "documents": [doc.document for doc in service.required_documents.all()],
            "how": service.application_process,
            "footer": _(
                "Show this slip at the service. It carries your code, not your name. "
                "The migrant desk: Ottiglio, Alfiano Natta, Villadeati, Fubine Monferrato, "
                "Vignale Monferrato."
            ),
        }


def places_visited(user: User, day: dt.date) -> set:
    """Codes of the places where `user` already logged a visit on `day` (for the agenda)."""
    from sportello.outreach.models import Visit

    return set(Visit.objects.filter(operator=user, date=day).values_list("place__code", flat=True))
