"""The demo's OIT evidence of 2566: most items proven, a few left for staff, nothing outside."""

import importlib.util

import pytest
from django.core.management import call_command

from prongsai.inbox.models import Case
from prongsai.ita.models import FrameworkYear, Plan
from prongsai.orgs.models import Organization
from prongsai.portal import documents, oit, oit_demo
from prongsai.portal.models import OitEvidence

pytestmark = pytest.mark.django_db

# The news engineer's demo makes the org's pages and news; the lead wires both into `demo`.
HAS_SITE_DEMO = importlib.util.find_spec("prongsai.portal.demo") is not None


@pytest.fixture
def prasat_thong(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    org = Organization.objects.get(slug="prasat-thong")
    if HAS_SITE_DEMO:
        from prongsai.portal import demo as site_demo

        site_demo.load(org)
    oit_demo.load(org)
    return org


def index(org):
    return oit.oit_index(org=org, framework=FrameworkYear.objects.get(fiscal_year=2566))


def test_most_items_are_proven_and_a_few_are_left_for_staff(prasat_thong):
    result = index(prasat_thong)
    missing = {item.code for item in result.items if item.is_missing}
    site_items = set() if HAS_SITE_DEMO else {"O1", "O2", "O3", "O6", "O7"}
    assert missing == {"O9", "O13", "O26", "O38", "O41"} | site_items
    status = {item.code: item.status for item in result.items}
    for code in ("O16", "O17", "O18", "O27", "O28", "O29", "O30", "O31", "O33", "O42", "O43"):
        assert status[code] == "generated", code
    assert status["O19"] == "uploaded"
    # Every link stays on this instance: a browser test follows them all.
    assert all(link.url.startswith("/") for item in result.items for link in item.links)


def test_documents_are_real_pdfs_of_the_org(prasat_thong):
    plan = OitEvidence.objects.get(org=prasat_thong, item_code="O19")
    data = plan.file.read()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    assert documents.content_type(plan) == "application/pdf"
    assert OitEvidence.objects.filter(org=prasat_thong, item_code="O11").count() == 2


def test_it_publishes_what_the_index_needs_when_other_demos_have_not(prasat_thong):
    Plan.objects.filter(org=prasat_thong, fiscal_year=2566).update(o42_published=False)
    prasat_thong.giftpolicy_set.all().delete()
    oit_demo.load(prasat_thong)
    assert Plan.objects.get(org=prasat_thong, fiscal_year=2566).o42_published
    assert oit.announced_policy(org=prasat_thong, fiscal_year=2566) is not None


def test_loading_twice_changes_nothing(prasat_thong):
    before = (OitEvidence.objects.count(), Case.objects.count())
    oit_demo.load(prasat_thong)
    assert (OitEvidence.objects.count(), Case.objects.count()) == before


def test_the_o43_quarter_keeps_its_figures(prasat_thong):
    # The service requests of the demo stay out of Jan–Mar 2566, which the O43 report counts.
    quarter = Case.objects.filter(
        org=prasat_thong, received_at__year=2023, received_at__month__lte=3
    )
    assert not quarter.filter(kind__in=["eservice", "request"]).exists()
