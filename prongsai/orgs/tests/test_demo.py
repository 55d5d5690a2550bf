"""`manage.py demo`: อบต.ปราสาททอง as in the reference report, a second org, idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from prongsai.orgs.demo import DEMO_PASSWORD
from prongsai.orgs.models import Division, ItasLink, Membership, Organization, Position

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    models = [Organization, Division, Position, Membership, ItasLink, get_user_model()]
    return tuple(model.objects.count() for model in models)


def test_it_loads_prasat_thong_as_in_the_reference_report():
    load()
    org = Organization.objects.get(slug="prasat-thong")
    assert org.name_th == "องค์การบริหารส่วนตำบลปราสาททอง"
    assert org.website == "http://www.prtong.go.th"
    assert set(org.division_set.values_list("short_name", flat=True)) == {
        "สำนักปลัด",
        "กองคลัง",
        "กองช่าง",
        "กองศึกษาฯ",
    }
    positions = set(Position.objects.for_org(org).values_list("name", flat=True))
    assert {"นักทรัพยากรบุคคล", "นิติกร", "ผู้ดูแลเว็บไซต์", "เจ้าหน้าที่งบประมาณ"} <= positions
    assert ItasLink.objects.for_org(org).filter(fiscal_year=2566).exists()


def test_there_is_a_staff_user_per_role_and_a_second_org():
    load()
    roles = set(Membership.objects.filter(org__slug="prasat-thong").values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    assert Membership.objects.filter(org__slug="ban-mai").exists()


def test_it_prints_logins_that_work():
    out = load()
    request = RequestFactory().post("/accounts/login/")
    for username in ["pt-admin", "pt-officer", "pt-executive", "pt-staff", "bm-admin"]:
        assert username in out
        assert authenticate(request, username=username, password=DEMO_PASSWORD) is not None
    assert DEMO_PASSWORD in out


def test_it_is_idempotent():
    load()
    before = counts()
    load()
    assert counts() == before
