"""The project of the seed sheet: five municipalities near Alessandria, Ottiglio leading.

These are real, public facts (not demo data): they belong in every installation.
Coordinates are the approximate centre of each village.
"""

import datetime
from decimal import Decimal

from django.db import migrations

MUNICIPALITIES = [
    # name, slug, postal code, latitude, longitude
    ("Ottiglio", "ottiglio", "15038", "45.05360", "8.33920"),
    ("Alfiano Natta", "alfiano-natta", "15021", "45.04780", "8.20690"),
    ("Villadeati", "villadeati", "15020", "45.07270", "8.16750"),
    ("Fubine Monferrato", "fubine-monferrato", "15043", "44.96470", "8.42610"),
    ("Vignale Monferrato", "vignale-monferrato", "15049", "45.01120", "8.39610"),
]

TARGETS = {
    "people_reached": 150,
    "people_in_path": 30,
    "flyers_distributed": 2000,
    "operators_trained": 10,
    "l2_hours": 60,
}


def create(apps, schema_editor):
    Municipality = apps.get_model("territory", "Municipality")
    Project = apps.get_model("territory", "Project")
    Target = apps.get_model("territory", "Target")
    municipalities = []
    for name, slug, postal_code, lat, lng in MUNICIPALITIES:
        municipality, _ = Municipality.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "province": "AL",
                "postal_code": postal_code,
                "latitude": Decimal(lat),
                "longitude": Decimal(lng),
            },
        )
        municipalities.append(municipality)
    project, created = Project.objects.get_or_create(
        code="sportello-migrante-2011",
        defaults={
            "name": "Sportello migrante: inforientamento diffuso e tutoring sociale "
            "per cittadini stranieri",
            "start_date": datetime.date(2011, 6, 1),
            "end_date": datetime.date(2012, 4, 30),
            "funders": "Provincia di Alessandria, con la partecipazione finanziaria "
            "della Regione Piemonte",
            "lead_municipality": municipalities[0],
        },
    )
    if created:
        project.partner_municipalities.set(municipalities)
        for code, value in TARGETS.items():
            Target.objects.create(project=project, code=code, value=value)


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
