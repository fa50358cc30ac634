"""URL parameters of real demo objects, for the accessibility sweep (test_accessibility.py).

Runs inside the demo server's database: `server.manage("shell", "-c", PRINT)` prints one JSON line
{url name: kwargs}. Objects the demo data does not hold (one-time links whose tokens are stored
only as hashes, an edit proposal, an attachment, an import job, a calendar link) are created here
for the sweep, as set-up, through the apps' services. Every object is one the demo operator
follows or may open, so the sweep can sign in as the operator for the desk's pages.
"""

import json

PRINT = "from tests.browser.a11y_objects import main; main()"
MARKER = "A11Y-OBJECTS "
TWO_STEP_USERNAME = "verifica.accessibilita"


def sample_kwargs() -> dict[str, dict]:
    from django.contrib.auth.tokens import default_token_generator
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from sportello.accounts.models import User
    from sportello.casework import services as casework
    from sportello.casework.models import Encounter, FollowUp, Intake, Need, Path, Referral
    from sportello.communication.models import Event, NewsItem
    from sportello.coordination import services as coordination
    from sportello.coordination.models import Decision, Meeting, Member
    from sportello.directory import hsds, import_jobs
    from sportello.directory import services as directory
    from sportello.directory.models import Service, TaxonomyTerm
    from sportello.directory.snapshots import service_snapshot
    from sportello.learning.models import Course, Enrolment, Selection, Session
    from sportello.outreach import services as outreach
    from sportello.outreach.models import Visit, VisitPlan
    from sportello.territory.models import Place
    from tests.communication.matrix_data import PNG_1PX

    operator = User.objects.get(username="operatore")
    coordinator = User.objects.get(username="coordinatore")
    officer = User.objects.get(username="comune")
    demo_logins = ["coordinatore", "operatore", "comune", "formatore", "partner"]
    # A user nobody signs in as (a reset token dies when its user signs in).
    resettable = User.objects.exclude(username__in=demo_logins).order_by("username").first()

    # Objects in a state whose pages open (a closed path's edit page sends the reader back, …);
    # demo codes are random, so choose by state, never by the first code.
    path = (
        Path.objects.filter(
            operator=operator, status=Path.Status.ACTIVE, beneficiary__operators=operator
        )
        .order_by("start_date", "pk")
        .first()
    )
    person = path.beneficiary
    need = Need.objects.filter(beneficiary__operators=operator).order_by("pk").first()
    referral = (
        Referral.objects.filter(path__operator=operator, state=Referral.State.SENT)
        .order_by("pk")
        .first()
    )
    follow_up = (
        FollowUp.objects.filter(operator=operator, done_on__isnull=True).order_by("pk").first()
    )
    encounter = Encounter.objects.filter(beneficiary__isnull=True).order_by("pk").first()
    intake = Intake.objects.filter(status=Intake.Status.NEW).order_by("pk").first()
    place = Place.objects.order_by("name").first()
    plan = VisitPlan.objects.filter(operator=operator, active=True).order_by("pk").first()
    visit = Visit.objects.filter(operator=operator).order_by("-created_at").first()
    if not outreach.visit_is_editable(visit):  # a visit can be corrected on its day only
        visit = outreach.visit_create(
            by=operator, date=timezone.localdate(), place=plan.place, minutes=30, contacts=[]
        )
    service = Service.objects.filter(status=Service.Status.ACTIVE).order_by("name_it").first()
    snapshot = service_snapshot(service)
    proposal = directory.proposal_create(
        by=officer,
        service=service,
        data={**snapshot, "name_it": f"{snapshot['name_it']} (proposta)"},
        comment="Proposta di prova per la verifica di accessibilità (demo).",
    )
    job = import_jobs.job_create(by=operator, filename="demo.json", payload=b"[]", dry_run=True)
    meeting = Meeting.objects.order_by("-date").first()
    attachment = coordination.attachment_add(
        by=coordinator,
        meeting=meeting,
        upload=SimpleUploadedFile("ordine del giorno.txt", b"Ordine del giorno (demo)"),
    )
    course = Course.objects.filter(kind=Course.Kind.ITALIAN_L2).order_by("pk").first()
    session = Session.objects.filter(course=course).order_by("date").first()
    training = Course.objects.filter(kind=Course.Kind.OPERATOR_TRAINING).order_by("pk").first()
    trainee = Enrolment.objects.filter(course=training).order_by("pk").first()
    published = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED).order_by("-date")
    news = published.exclude(image="").first()
    if news is None:  # the demo news have no photo: give one a pixel, with its text alternative
        news = published.first()
        news.image_alt_it = "Foto di prova (demo)"
        news.image.save("demo.png", ContentFile(PNG_1PX), save=False)
        news.save(update_fields=["image", "image_alt_it"])
    event = Event.objects.filter(published=True).order_by("starts_at").first()
    _link, intake_token = casework.intake_link_create(by=operator, place=place)
    by_person = {"code": person.code}
    by_service = {"service_id": service.id}
    return {
        "accounts:user_edit": {"code": operator.code},
        "accounts:password_reset_confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(resettable.pk)),
            "token": default_token_generator.make_token(resettable),
        },
        "territory:place_edit": {"code": place.code},
        "outreach:rota_edit": {"code": plan.code},
        "outreach:rota_deactivate": {"code": plan.code},
        "outreach:visit_detail": {"code": visit.code},
        "outreach:visit_edit": {"code": visit.code},
        "ical:feed": {"token": outreach.calendar_token_create(user=operator)},
        **dict.fromkeys(
            [
                "casework:person",
                "casework:person_identity",
                "casework:person_edit",
                "casework:note_add",
                "casework:consent_add",
                "casework:consent_withdraw",
                "casework:need_create",
                "casework:person_encounter_create",
                "casework:person_transfer",
                "casework:person_export",
                "casework:person_export_json",
                "casework:person_export_pdf",
                "casework:person_erase",
                "tutoring:person_paths",
                "tutoring:path_create",
                "tutoring:referral_create",
                "tutoring:followup_create",
            ],
            by_person,
        ),
        "casework:need": {"code": need.beneficiary.code, "need": need.code},
        "casework:need_pick": {"code": need.beneficiary.code, "need": need.code},
        "casework:encounter_link": {"encounter": encounter.code},
        **{
            name: {"code": path.code}
            for name in [
                "tutoring:path_detail",
                "tutoring:path_edit",
                "tutoring:path_close",
                "tutoring:goal_add",
                "tutoring:goal_achieved",
            ]
        },
        **{
            name: {"code": referral.code}
            for name in [
                "tutoring:referral_detail",
                "tutoring:referral_send",
                "tutoring:referral_state",
                "tutoring:referral_link",
                "tutoring:referral_slip",
            ]
        },
        "tutoring:followup_done": {"code": follow_up.code},
        "tutoring:intake_detail": {"code": intake.code},
        "tutoring:intake_accept": {"code": intake.code},
        "tutoring:intake_dismiss": {"code": intake.code},
        "tutoring:intake_link_revoke": {"code": _link.code},
        "links:provider": {"token": casework.referral_link_renew(by=operator, referral=referral)},
        "links:intake": {"token": intake_token},
        "datapackage:job": {"job_id": job.id},
        "datapackage:progress": {"job_id": job.id},
        "datapackage:apply": {"job_id": job.id},
        "hsds:service": {"id": service.id},
        "hsds:organization": {"id": service.organization_id},
        "hsds:service_at_location": {"id": service.service_at_locations.first().id},
        "hsds:taxonomy": {"id": hsds.CATEGORIES.id},
        "hsds:taxonomy_term": {"id": TaxonomyTerm.objects.order_by("pk").first().id},
        "indicators:export_csv": {"table": "people-gender"},
        "flyers:text_edit": {"language": "ar"},
        "public_flyer:pdf": {"paper": "a5"},
        "public_flyer:all_pdf": {"kind": "sheet"},
        "news:preview": {"code": news.code},
        "news:edit": {"code": news.code},
        "public_news:detail": {"code": news.code},
        "public_news:image": {"code": news.code},
        "events:edit": {"code": event.code},
        "events:registrations": {"code": event.code},
        "public_events:detail": {"slug": event.slug},
        "coordination:member_edit": {"code": Member.objects.order_by("pk").first().code},
        **{
            name: {"code": meeting.code}
            for name in [
                "coordination:meeting_detail",
                "coordination:meeting_edit",
                "coordination:meeting_attendance",
                "coordination:meeting_headlines",
                "coordination:meeting_pdf",
                "coordination:attachment_add",
                "coordination:decision_create",
            ]
        },
        "coordination:attachment_download": {"code": attachment.code},
        "coordination:attachment_delete": {"code": attachment.code},
        "coordination:decision_edit": {"code": Decision.objects.order_by("pk").first().code},
        **{
            name: {"code": course.code}
            for name in [
                "learning:course_detail",
                "learning:session_create",
                "learning:enrol",
                "learning:signatures",
            ]
        },
        "learning:selection": {"code": training.code},
        "learning:register": {"code": session.code},
        "learning:session_signatures": {"code": session.code},
        "learning:certificate": {"code": trainee.code},
        "learning:assessment": {"code": trainee.code},
        "learning:give_operator_role": {"code": Selection.objects.order_by("pk").first().code},
        **dict.fromkeys(
            [
                "directory:service_detail",
                "directory:service_edit",
                "directory:service_propose",
                "directory:service_status",
                "directory:service_confirm",
                "directory:service_history",
                "public_directory:service",
                "public_directory:service_print",
            ],
            by_service,
        ),
        "directory:proposal_detail": {"proposal_id": proposal.id},
    }


def two_step_user() -> dict:
    """A user of its own with an authenticator app (the demo users sign in with a password only),
    for the pages of the two-step sign-in: its name and the app's key (hex)."""
    import os

    from sportello.accounts.models import Role, User
    from tests.accounts.two_factor_helpers import with_app

    user, _created = User.objects.get_or_create(
        username=TWO_STEP_USERNAME, defaults={"role": Role.TRAINER}
    )
    user.set_password(os.environ["SPORTELLO_DEMO_PASSWORD"])
    user.save(update_fields=["password"])
    device, _codes = with_app(user)
    return {"username": user.username, "key": device.bin_key.hex()}


def main() -> None:
    found = {"kwargs": sample_kwargs(), "two_step": two_step_user()}
    print(MARKER + json.dumps(found, default=str))


def parse(output: str) -> dict:
    line = next(line for line in output.splitlines() if line.startswith(MARKER))
    return json.loads(line.removeprefix(MARKER))
