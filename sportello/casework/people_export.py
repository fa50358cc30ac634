"""The access request (GDPR art. 15) as a readable PDF: the same content as the JSON export
(selectors.beneficiary_export), laid out as titled sections of label/value rows."""

from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from sportello.casework.models import Consent, Gender, Need, Path, Referral, ReferralSource
from sportello.casework.vocabulary import country_name, language_name
from sportello.core.pdf import render_pdf
from sportello.directory.models import TaxonomyTerm


def _when(value: str | None) -> str:
    if not value:
        return "—"
    moment = parse_datetime(value) if "T" in value else None
    if moment is not None:
        return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")
    day = parse_date(value[:10])
    return formats.date_format(day, "DATE_FORMAT") if day else value


def _optional(label: str, value: str) -> list[list[str]]:
    """A row only when there is something to show."""
    return [[label, value]] if value else []


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or "—"))


def _sections(export: dict, language: str) -> list[dict]:
    terms = {t.code: t.name for t in TaxonomyTerm.objects.all()}
    person = export["person"]
    sections = [
        {
            "title": _("The person"),
            "items": [
                [
                    [_("Code"), person["code"]],
                    [_("Gender"), _label(Gender.choices, person["gender"])],
                    [_("Year of birth"), str(person["year_of_birth"] or "—")],
                    [_("Citizenship"), country_name(person["citizenship"], language) or "—"],
                    [
                        _("Languages"),
                        ", ".join(language_name(c, language) for c in person["languages"]) or "—",
                    ],
                    [_("Municipality"), person["municipality"] or "—"],
                    [_("Year of arrival in Italy"), str(person["arrival_year"] or "—")],
                    [_("Registered"), _when(person["registered_at"])],
                    [_("Followed by"), ", ".join(person["operators"]) or "—"],
                ]
            ],
        }
    ]
    identity = export["identity"]
    sections.append(
        {
            "title": _("Identity"),
            "empty": _("No identity recorded."),
            "items": [
                [
                    [_("First name"), identity["first_name"] or "—"],
                    [_("Family name"), identity["family_name"] or "—"],
                    [_("Phone"), identity["phone"] or "—"],
                    [_("E-mail"), identity["email"] or "—"],
                ]
            ]
            if identity
            else [],
        }
    )
    sections += [
        {
            "title": _("Consents"),
            "empty": _("None."),
            "items": [
                [
                    [_("Purpose"), _label(Consent.Purpose.choices, c["purpose"])],
                    *_optional(_("Service"), c["service"] or ""),
                    [_("Text version"), c["text_version"]],
                    [_("Given on"), _when(c["given_at"])],
                    [_("Withdrawn on"), _when(c["withdrawn_at"])],
                ]
                for c in export["consents"]
            ],
        },
        {
            "title": _("Needs"),
            "empty": _("None."),
            "items": [
                [
                    [_("Need"), terms.get(n["category"], n["category"])],
                    [_("Status"), _label(Need.Status.choices, n["status"])],
                    [_("Recorded on"), _when(n["recorded_at"])],
                    *_optional(_("Note"), n["note"]),
                ]
                for n in export["needs"]
            ],
        },
        {
            "title": _("Encounters"),
            "empty": _("None."),
            "items": [
                [
                    [_("Date"), _when(e["date"])],
                    [_("Place"), e["place"] or "—"],
                    [
                        _("Who pointed them to the desk"),
                        _label(ReferralSource.choices, e["referred_by"]),
                    ],
                    [_("Needs"), ", ".join(terms.get(c, c) for c in e["needs"]) or "—"],
                    *_optional(_("Information given"), e["information_given"]),
                    *_optional(_("Services suggested"), ", ".join(e["services_suggested"])),
                ]
                for e in export["encounters"]
            ],
        },
        {
            "title": _("Integration paths"),
            "empty": _("None."),
            "items": [
                [
                    [_("Started on"), _when(p["start_date"])],
                    [_("Status"), _label(Path.Status.choices, p["status"])],
                    *_optional(_("Closed on"), p["closed_on"] and _when(p["closed_on"])),
                    *_optional(_("Outcome"), p["outcome"]),
                    *[[_("Goal"), g["text"] or terms.get(g["category"], "")] for g in p["goals"]],
                ]
                for p in export["paths"]
            ],
        },
        {
            "title": _("Referrals"),
            "empty": _("None."),
            "items": [
                [
                    [_("Service"), r["service"]],
                    [_("State"), _label(Referral.State.choices, r["state"])],
                    [_("Sent on"), _when(r["sent_at"])],
                    *_optional(_("Note for the service"), r["note_for_service"]),
                ]
                for r in export["referrals"]
            ],
        },
        {
            "title": _("Follow-ups"),
            "empty": _("None."),
            "items": [
                [
                    [_("Due on"), _when(f["due_date"])],
                    [_("Done on"), _when(f["done_on"])],
                    *_optional(_("Note"), f["note"]),
                ]
                for f in export["follow_ups"]
            ],
        },
        {
            "title": _("Notes"),
            "empty": _("None."),
            "items": [[[_when(n["written_at"]), n["text"]]] for n in export["notes"]],
        },
        {
            "title": _("Courses"),
            "empty": _("None."),
            "items": [
                [
                    [_("Title"), c["course"]],
                    [_("Registered"), _when(c["enrolled_at"])],
                    [_("Present"), str(c["sessions_present"])],
                ]
                for c in export["courses"]
            ],
        },
        {
            "title": _("Who opened or changed the record"),
            "empty": _("None."),
            "items": [
                [
                    [
                        _when(a["at"]),
                        f"{a['role']} · {a['action']} {a['object']} {a['detail']}".strip(),
                    ]
                ]
                for a in export["access_log"]
            ],
        },
    ]
    return sections


def access_request_pdf(export: dict, *, language: str = "it") -> bytes:
    with translation.override(language):
        data = {
            "lang": language,
            "title": _("Your data at the migrant desk"),
            "code": export["person"]["code"],
            "intro": _(
                "Everything the migrant desk stores about you, on the date below (GDPR art. 15). "
                "You can ask to correct or erase it, and withdraw your consents, at any time."
            ),
            "generated": _("Generated on %(date)s")
            % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
            "sections": _sections(export, language),
        }
        return render_pdf("casework/access_request.typ", data)
