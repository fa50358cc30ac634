import pytest

from sportello.accounts.models import Role
from sportello.territory.models import Place


@pytest.fixture
def school(ottiglio) -> Place:
    return Place.objects.create(
        name="Scuola primaria", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )


@pytest.fixture
def clinic(ottiglio) -> Place:
    return Place.objects.create(
        name="Ambulatorio medico",
        kind=Place.Kind.MEDICAL_CLINIC,
        municipality=ottiglio,
        address="Via 3",
    )


@pytest.fixture
def operator(users):
    operator = users[Role.OPERATOR]
    operator.first_name, operator.last_name = "Olga", "Demoperatrice"
    operator.save(update_fields=["first_name", "last_name"])
    return operator
