"""Synthetic demo data: plausible places and one user per role. Never for production.

Each app adds its own demo loader function to LOADERS (in order); `sportello demo` runs them all.
Every loader is idempotent: running it twice changes nothing.
"""

import secrets
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from sportello.accounts.models import Role, User
from sportello.casework.demo_paths import load_paths
from sportello.casework.people_demo import load_people
from sportello.communication.demo import load_communication
from sportello.communication.events_demo import load_events
from sportello.coordination.demo import load_coordination
from sportello.core.models import DemoData
from sportello.directory.demo import load_directory
from sportello.directory.search import search_index_demo_loader
from sportello.learning.demo import load_courses
from sportello.outreach.demo import load_outreach
from sportello.territory.models import Municipality, Place

DEMO_USERS = [
    # username, role, first name, last name
    ("coordinatore", Role.COORDINATOR, "Carla", "Coordinatrice (demo)"),
    ("operatore", Role.OPERATOR, "Omar", "Operatore (demo)"),
    ("comune", Role.MUNICIPAL_OFFICER, "Marta", "Comune di Ottiglio (demo)"),
    ("formatore", Role.TRAINER, "Franco", "Formatore (demo)"),
    ("partner", Role.PARTNER_STAFF, "Paola", "Insegnante (demo)"),
]

# Places of each village: kind, name pattern, address. Coordinates: small offsets from the centre.
DEMO_PLACES = [
    (Place.Kind.TOWN_HALL, "Municipio di {m}", "Piazza del Municipio 1"),
    (Place.Kind.SCHOOL, "Scuola primaria di {m}", "Via delle Scuole 3"),
    (Place.Kind.LIBRARY, "Biblioteca civica di {m}", "Piazza del Municipio 2"),
    (Place.Kind.MEDICAL_CLINIC, "Ambulatorio medico di {m}", "Via dell'Ambulatorio 5"),
]
EXTRA_PLACES = {
    "fubine-monferrato": [
        (Place.Kind.PAEDIATRIC_CLINIC, "Ambulatorio pediatrico di Fubine", "Via dei Bambini 7"),
        (Place.Kind.SCHOOL, "Scuola secondaria di primo grado di Fubine", "Via delle Scuole 9"),
        (
            Place.Kind.PLACE_OF_WORSHIP,
            "Centro culturale e di preghiera (demo)",
            "Via della Pace 11",
        ),
    ],
    "vignale-monferrato": [
        (
            Place.Kind.ASSOCIATION,
            "Associazione culturale Vignale Insieme (demo)",
            "Via del Teatro 4",
        ),
    ],
    "ottiglio": [
        (Place.Kind.PAEDIATRIC_CLINIC, "Ambulatorio pediatrico di Ottiglio", "Via dei Bambini 2"),
    ],
}


def load_places() -> None:
    # Only the project's municipalities: the directory adds Casale Monferrato, which has no places.
    for municipality in Municipality.objects.filter(projects__isnull=False).distinct():
        entries = [
            (kind, name.format(m=municipality.name), address) for kind, name, address in DEMO_PLACES
        ] + EXTRA_PLACES.get(municipality.slug, [])
        for i, (kind, name, address) in enumerate(entries):
            Place.objects.get_or_create(
                municipality=municipality,
                name=name,
                defaults={
                    "kind": kind,
                    "address": address,
                    "latitude": municipality.latitude + Decimal(i - 3) / 1000,
                    "longitude": municipality.longitude + Decimal(3 - i) / 1000,
                },
            )


def load_users(*, reset_passwords: bool = False, stdout=None) -> dict[str, str]:
    """Create the demo users. Returns {username: password} for the users whose password was set
    now (new users, or all of them with reset_passwords) so the caller can print it once."""
    password = settings.DEMO_PASSWORD or secrets.token_urlsafe(12)
    ottiglio = Municipality.objects.get(slug="ottiglio")
    set_now = {}
    for username, role, first_name, last_name in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
            },
        )
        if created or reset_passwords:
            user.set_password(password)
            user.save(update_fields=["password"])
            set_now[username] = password
        if role == Role.MUNICIPAL_OFFICER:
            user.municipalities.set([ottiglio])
    return set_now


LOADERS: list[Callable[[], None]] = [
    load_places,
    load_directory,
    search_index_demo_loader,
    load_outreach,
    load_people,
    load_paths,
    load_courses,
    load_communication,
    load_coordination,
    load_events,
]


@transaction.atomic
def load_demo(*, reset_passwords: bool = False) -> dict[str, str]:
    # Users first: loaders (the rota, visits, people) refer to the demo operator.
    passwords = load_users(reset_passwords=reset_passwords)
    for loader in LOADERS:
        loader()
    DemoData.objects.get_or_create(pk=1)
    cache.delete("demo-data")
    return passwords


def is_demo() -> bool:
    flag = cache.get("demo-data")
    if flag is None:
        flag = DemoData.objects.exists()
        cache.set("demo-data", flag, 60)
    return flag
