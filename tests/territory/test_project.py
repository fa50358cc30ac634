import datetime

from sportello.territory.models import Municipality, Project


def test_the_seed_project_and_its_five_municipalities_exist(db):
    names = set(Municipality.objects.values_list("name", flat=True))
    assert names >= {
        "Ottiglio",
        "Alfiano Natta",
        "Villadeati",
        "Fubine Monferrato",
        "Vignale Monferrato",
    }
    project = Project.objects.get()
    assert project.lead_municipality.name == "Ottiglio"
    assert project.partner_municipalities.count() == 5
    assert (project.start_date, project.end_date) == (
        datetime.date(2011, 6, 1),
        datetime.date(2012, 4, 30),
    )
    assert "Provincia di Alessandria" in project.funders
    assert "Regione Piemonte" in project.funders
    assert dict(project.targets.values_list("code", "value")) == {
        "people_reached": 150,
        "people_in_path": 30,
        "flyers_distributed": 2000,
        "operators_trained": 10,
        "l2_hours": 60,
    }


def test_the_project_page_shows_dates_targets_and_municipalities(client_for):
    page = client_for("municipal_officer").get("/app/project/").content.decode().lower()
    assert "1 giugno 2011" in page
    assert "30 aprile 2012" in page
    assert "2000" in page
    assert "vignale monferrato" in page
