"""The OIT index selector: every item of the year, and which evidence really proves it."""

from datetime import date, datetime

import pytest
from django.urls import get_resolver
from django.utils import timezone

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox.models import Case
from prongsai.inbox.services import submit_case
from prongsai.integrity import gifts
from prongsai.ita.framework import EVIDENCE_KEYS
from prongsai.ita.models import FrameworkYear, OitItem, Plan
from prongsai.portal import oit
from prongsai.portal.models import OitEvidence, Page
from prongsai.surveys.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

BANGKOK = timezone.get_fixed_timezone(7 * 60)


@pytest.fixture
def year_2566():
    return FrameworkYear.objects.get(fiscal_year=2566)


def is_routed(name: str) -> bool:
    namespace, short = name.split(":")
    return short in get_resolver().namespace_dict[namespace][1].reverse_dict


def item(index, code):
    return next(i for i in index.items if i.code == code)


def test_every_evidence_key_has_a_resolver():
    assert set(oit._RESOLVERS) == EVIDENCE_KEYS


def test_every_page_the_index_links_to_exists(org, monkeypatch):
    # Every page the resolvers name, for every year: a renamed page fails here.
    named = []
    real = oit._org_path

    def record(org, name, *args):
        named.append(name)
        return real(org, name, *args)

    monkeypatch.setattr(oit, "_org_path", record)
    page = Page.objects.create(org=org, slug="laws", title="กฎหมาย", is_published=True)
    OitEvidence.objects.create(org=org, fiscal_year=2566, item_code="O6", title="x", page=page)
    for year in oit.framework_years():
        oit.oit_index(org=org, framework=oit.framework_for(fiscal_year=year))
    for name in sorted(set(named)):
        assert is_routed(f"org:{name}"), f"org:{name} is not a URL name"
    assert {"contact", "privacy", "news", "page", "complaint_guide", "no_gift"} <= set(named)


def test_it_lists_every_item_of_the_year_grouped_by_indicator(org, year_2566):
    index = oit.oit_index(org=org, framework=year_2566)
    assert [(g.number, g.name) for g in index.groups] == [
        (9, "การเปิดเผยข้อมูล"),
        (10, "การป้องกันการทุจริต"),
    ]
    assert [i.code for i in index.items] == [f"O{n}" for n in range(1, 44)]
    assert item(index, "O16").title == "ข้อมูลเชิงสถิติการให้บริการ"
    assert item(index, "O31") in index.groups[1].items


def test_a_new_org_lacks_what_it_has_not_published(org, year_2566):
    index = oit.oit_index(org=org, framework=year_2566)
    # Pages that always exist prove their items; data the org has not produced does not.
    assert item(index, "O8").status == "generated"  # Q&A board
    assert item(index, "O27").status == "generated"  # the complaint guide
    assert item(index, "O28").status == "generated"  # the complaint form
    for code in ("O1", "O16", "O17", "O18", "O30", "O31", "O33", "O42", "O43"):
        assert item(index, code).is_missing, code
        assert item(index, code).links == []
    assert index.missing_count == len([i for i in index.items if i.is_missing])
    assert index.proven_count + index.missing_count == 43


def test_o42_and_o43_count_only_once_published(org, year_2566):
    plan = Plan.objects.create(org=org, fiscal_year=2566)
    index = oit.oit_index(org=org, framework=year_2566)
    o42 = item(index, "O42").generated[0]
    assert not o42.available and "O42" in o42.hint
    plan.o42_published = True
    plan.save()
    index = oit.oit_index(org=org, framework=year_2566)
    assert item(index, "O42").links[0].url == f"/{org.slug}/ita/plans/2566/o42/"
    assert item(index, "O43").is_missing


def test_no_gift_counts_once_the_years_policy_is_announced(org, year_2566, alice):
    gifts.save_policy(
        org=org, fiscal_year=2566, text="ไม่รับของขวัญ", announced_on=date(2022, 10, 3), actor=alice
    )
    gifts.save_policy(
        org=org, fiscal_year=2567, text="ไม่รับ", announced_on=date(2099, 1, 1), actor=alice
    )
    index = oit.oit_index(org=org, framework=year_2566)
    assert [link.url for link in item(index, "O33").links] == [f"/{org.slug}/nogift/2566/"]
    assert [link.url for link in item(index, "O31").links] == [f"/{org.slug}/nogift/2566/#policy"]
    # A policy whose announcement day has not come is no evidence yet.
    index_2567 = oit.oit_index(org=org, framework=FrameworkYear.objects.get(fiscal_year=2567))
    assert item(index_2567, "O33").is_missing


def test_data_of_the_year_makes_its_pages_count(org, year_2566):
    service = ServiceFactory(org=org, code="water", kind="eservice")
    submit_case(
        org=org,
        channel=Case.Channel.ESERVICE,
        service=service,
        subject="ขอรับน้ำ",
        received_at=datetime(2023, 5, 1, 10, tzinfo=BANGKOK),
    )
    ProjectFactory(org=org, starts_on=date(2023, 1, 18))
    index = oit.oit_index(org=org, framework=year_2566)
    assert item(index, "O16").links[0].url == f"/{org.slug}/stats/services/2566/"
    assert item(index, "O18").links[0].url == f"/{org.slug}/services/"
    assert item(index, "O30").links[0].url == f"/{org.slug}/projects/?year=2566"
    # The same data is of another year for 2565.
    index_2565 = oit.oit_index(org=org, framework=FrameworkYear.objects.get(fiscal_year=2565))
    assert item(index_2565, "O15").is_missing  # 2565's service statistics
    assert item(index_2565, "O33").is_missing  # 2565's participation


def test_the_corruption_channel_opens_the_corruption_form(org, year_2566):
    assert item(oit.oit_index(org=org, framework=year_2566), "O28").links[0].url == (
        f"/{org.slug}/complain/"
    )
    ServiceFactory(org=org, code="fraud", kind="corruption")
    link = item(oit.oit_index(org=org, framework=year_2566), "O28").links[0]
    assert link.url == f"/{org.slug}/complain/?service=fraud"
    assert link.address.endswith(link.url) and link.address.startswith("http")


def test_uploaded_evidence_proves_an_item_in_order(org, other_org, year_2566):
    OitEvidence.objects.create(
        org=org, fiscal_year=2566, item_code="O19", title="แผน", url="https://x.example/b", order=1
    )
    OitEvidence.objects.create(
        org=org, fiscal_year=2566, item_code="O19", title="ประกาศ", url="https://x.example/a"
    )
    OitEvidence.objects.create(
        org=other_org, fiscal_year=2566, item_code="O20", title="ของคนอื่น", url="https://x.example/"
    )
    OitEvidence.objects.create(
        org=org, fiscal_year=2567, item_code="O21", title="ปีหน้า", url="https://x.example/"
    )
    index = oit.oit_index(org=org, framework=year_2566)
    o19 = item(index, "O19")
    assert o19.status == "uploaded"
    assert [(link.label, link.external) for link in o19.links] == [("ประกาศ", True), ("แผน", True)]
    assert item(index, "O20").is_missing
    assert item(index, "O21").is_missing


def test_an_unpublished_page_is_no_evidence_for_the_public(org, year_2566):
    page = Page.objects.create(org=org, slug="structure", title="โครงสร้าง", is_published=False)
    OitEvidence.objects.create(org=org, fiscal_year=2566, item_code="O1", title="x", page=page)
    o1 = item(oit.oit_index(org=org, framework=year_2566), "O1")
    assert o1.is_missing
    assert o1.uploaded[0].hint == "หน้านี้ยังไม่เผยแพร่ ประชาชนจึงยังเปิดไม่ได้"


def test_items_without_an_indicator_come_last(org):
    year = FrameworkYear.objects.create(fiscal_year=2650, levels=[{"label": "ผ่าน", "min": 50}])
    OitItem.objects.create(year=year, code="O1", number=1, title="ข้อพิเศษ")
    index = oit.oit_index(org=org, framework=year)
    assert [(g.number, g.name, [i.code for i in g.items]) for g in index.groups] == [
        (None, "ข้ออื่น ๆ", ["O1"])
    ]


def test_one_item_reads_the_same_as_in_the_index(org, year_2566):
    OitEvidence.objects.create(
        org=org, fiscal_year=2566, item_code="O19", title="แผน", url="https://x.example/"
    )
    one = oit.oit_item(org=org, framework=year_2566, code="O19")
    assert one == item(oit.oit_index(org=org, framework=year_2566), "O19")
    assert oit.oit_item(org=org, framework=year_2566, code="O99") is None


def test_the_current_year_falls_back_to_the_latest_framework():
    assert oit.framework_years()[:5] == [2569, 2568, 2567, 2566, 2565]
    assert oit.current_year(today=date(2023, 5, 1)) == 2566
    assert oit.current_year(today=date(2040, 5, 1)) == 2569
    assert oit.current_year(today=date(2000, 5, 1)) == 2569
    assert oit.framework_for(fiscal_year=2499) is None
    assert oit.framework_for(fiscal_year=2564) is None
