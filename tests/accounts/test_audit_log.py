import datetime

from sportello.accounts.models import AuditEvent
from sportello.accounts.services import audit


def test_the_coordinator_filters_the_audit_log(coordinator_client, users):
    audit(
        user=users["operator"],
        action="read",
        object_type="casework.beneficiary",
        object_code="B-7K2M",
    )
    audit(user=users["coordinator"], action="export", object_type="indicators.table")
    page = coordinator_client.get("/app/audit/", {"action": "read"}).content.decode()
    assert "B-7K2M" in page
    assert "indicators.table" not in page
    page = coordinator_client.get("/app/audit/", {"user": users["coordinator"].pk}).content.decode()
    assert "indicators.table" in page
    assert "B-7K2M" not in page


def test_a_reversed_date_range_is_explained(coordinator_client, users):
    today = datetime.date.today()
    response = coordinator_client.get(
        "/app/audit/", {"date_from": today, "date_to": today - datetime.timedelta(days=3)}
    )
    assert "precedente alla data di inizio" in response.content.decode()


def test_audit_rows_keep_codes_not_people(users):
    event = audit(
        user=users["operator"],
        action="update",
        object_type="casework.beneficiary",
        object_code="X" * 80,
    )
    assert len(event.object_code) == 64
    assert event.role == "operator"
    assert AuditEvent.objects.count() == 1
