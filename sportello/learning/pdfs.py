"""The course's documents as PDFs (typst, via core.pdf): the signature register and the
completion certificate. Names appear only where learners' names may be shown (see selectors)."""

from babel.dates import format_date
from django.utils import timezone

from sportello.core.demo import is_demo
from sportello.core.pdf import render_pdf
from sportello.learning.certificate_texts import CERTIFICATE, LEVEL, REGISTER
from sportello.learning.models import Course, Session
from sportello.learning.selectors import Learner

DESK = "Sportello migrante diffuso"


def _date(day, lang: str = "it") -> str:
    return format_date(day, "d MMMM y", locale=lang)


def _footer() -> str:
    text = f"{DESK} · {_date(timezone.localdate())}"
    return text + (" · Dati dimostrativi" if is_demo() else "")


def _hours(value) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def signature_register(course: Course, sessions: list[Session], people: list[Learner]) -> bytes:
    data = {
        "title": f"{REGISTER['title']} – {course.title}",
        "desk": DESK,
        "labels": REGISTER,
        "course": course.title,
        "trainer": course.trainer.display_name,
        "place": course.place.name if course.place else "",
        "sessions": [
            {
                "date": _date(s.date),
                "time": f"{s.starts_at:%H:%M}–{s.ends_at:%H:%M}",
                "topic": s.topic,
            }
            for s in sessions
        ],
        "people": [p.label for p in people],
        "footer": _footer(),
    }
    return render_pdf("learning/signature_register.typ", data)


def certificate_languages(learner: Learner) -> list[str]:
    second = learner.first_language
    return ["it", second] if second in CERTIFICATE else ["it"]


def certificate(course: Course, learner: Learner) -> bytes:
    parts = []
    for lang in certificate_languages(learner):
        words = CERTIFICATE[lang]
        level = LEVEL[lang].format(level=course.get_level_display()) if course.level else ""
        body = words["l2" if course.is_l2 else "training"].format(course=course.title, level=level)
        dates = f"{_date(course.starts_on, lang)} – {_date(course.ends_on, lang)}"
        detail = words["detail"].format(
            dates=dates, hours=_hours(learner.hours), planned=_hours(course.planned_hours)
        )
        parts.append(
            {
                "lang": lang,
                "title": words["title"],
                "intro": words["intro"],
                "body": body,
                "detail": detail,
            }
        )
    place = course.place.municipality.name if course.place else ""
    data = {
        "title": CERTIFICATE["it"]["title"],
        "desk": DESK,
        "person": learner.label,
        "parts": parts,
        "place_date": ", ".join(filter(None, [place, _date(timezone.localdate())])),
        "signature_label": f"{REGISTER['trainer_signature']}: {course.trainer.display_name}",
        "footer": _footer(),
    }
    return render_pdf("learning/certificate.typ", data)
