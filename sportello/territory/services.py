from django.db import transaction

from sportello.accounts.models import AuditEvent, User
from sportello.accounts.services import audit_object
from sportello.territory.models import Place

PLACE_FIELDS = ["name", "kind", "municipality", "address", "latitude", "longitude", "active"]


@transaction.atomic
def place_save(*, by: User, place: Place, data: dict) -> Place:
    """Create or update a place from validated form data."""
    creating = place.pk is None
    for field in PLACE_FIELDS:
        setattr(place, field, data[field])
    place.full_clean()
    if creating:
        place.save()
    else:
        place.save(update_fields=PLACE_FIELDS)
    action = AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE
    audit_object(user=by, action=action, obj=place)
    return place
