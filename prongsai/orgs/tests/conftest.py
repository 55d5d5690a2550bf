"""Two orgs, alice's and bob's, so every test can try the other tenant's objects."""

import pytest

from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import MembershipFactory, OrganizationFactory

Role = Membership.Role


@pytest.fixture
def org(db):
    return OrganizationFactory(slug="alice-town", name_th="อบต.อลิซ", short_name="อบต.อลิซ")


@pytest.fixture
def other_org(db):
    return OrganizationFactory(slug="bob-town", name_th="อบต.บ็อบ", short_name="อบต.บ็อบ")


@pytest.fixture
def make_member(db):
    def make(org, role=Role.STAFF, username=None, **kwargs):
        if username:
            kwargs["user__username"] = username
        return MembershipFactory(org=org, role=role, **kwargs)

    return make


@pytest.fixture
def alice(org, make_member):
    return make_member(org, Role.ADMIN, "alice").user


@pytest.fixture
def bob(other_org, make_member):
    return make_member(other_org, Role.ADMIN, "bob").user
