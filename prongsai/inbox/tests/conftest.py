import pytest

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import DivisionFactory, PositionFactory

Role = Membership.Role


@pytest.fixture
def roads(org):
    return DivisionFactory(org=org, name="กองช่าง")


@pytest.fixture
def road_service(org, roads):
    return ServiceFactory(
        org=org, code="road", name="ถนนชำรุด", division=roads, time_limit_days=7, is_physical=True
    )


@pytest.fixture
def corruption_service(org):
    return ServiceFactory(
        org=org, code="corruption", name="ร้องเรียนการทุจริต", kind=Service.Kind.CORRUPTION
    )


@pytest.fixture
def officer(org, make_member, roads):
    return make_member(org, Role.OFFICER, "officer", division=roads).user


@pytest.fixture
def lawyer(org, make_member):
    """The officer whose position receives corruption complaints."""
    position = PositionFactory(org=org, name="นิติกร", handles_corruption=True)
    return make_member(org, Role.OFFICER, "lawyer", position=position).user
