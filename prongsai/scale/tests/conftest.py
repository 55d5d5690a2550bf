import pytest
from django.test import Client

from prongsai.orgs.models import Membership, Organization
from prongsai.scale.generate import generate


@pytest.fixture
def generated(db):
    """Two orgs of 150 cases each: enough for every page, figure and filter to have data."""
    generate(orgs=2, cases=300)
    return Organization.objects.get(slug="scale-0001")


@pytest.fixture
def admin_client(generated):
    client = Client()
    client.force_login(Membership.objects.get(org=generated, role=Membership.Role.ADMIN).user)
    return client
