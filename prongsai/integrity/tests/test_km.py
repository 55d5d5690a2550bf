"""KM articles: any staff member writes, the author and admins edit, everyone searches."""

import pytest
from django.urls import reverse

from prongsai.integrity import circulars
from prongsai.integrity.models import KmArticle
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


def url(name, org, *args):
    return reverse(f"org:{name}", args=[org.slug, *args])


@pytest.fixture
def finance(org):
    return DivisionFactory(org=org, name="กองคลัง")


@pytest.fixture
def works(org):
    return DivisionFactory(org=org, name="กองช่าง")


def article(org, title, body, division=None, author=None):
    return KmArticle.objects.create(
        org=org, title=title, body=body, division=division, author=author
    )


def test_search_finds_thai_words_in_title_and_body(org, finance, works):
    budget = article(org, "ขั้นตอนการจัดทำงบประมาณรายจ่ายประจำปี", "เริ่มจากแผนพัฒนาท้องถิ่น", finance)
    procurement = article(org, "การจัดซื้อจัดจ้าง", "ตามระเบียบ งบประมาณ พ.ศ. 2560", finance)
    article(org, "การขออนุญาตก่อสร้างอาคาร", "ยื่นแบบที่กองช่าง", works)

    def found(**kwargs):
        return set(circulars.search_articles(org=org, **kwargs))

    assert found(query="งบประมาณ") == {budget, procurement}
    assert found(query="แผนพัฒนา") == {budget}
    assert found(query="จัดซื้อ ระเบียบ") == {procurement}
    assert found(query="งบประมาณ", division=works) == set()
    assert len(found(division=works)) == 1
    assert found(query="ไม่มีคำนี้") == set()


def test_search_ignores_letter_case(org):
    guide = article(org, "ITA Guide", "How the e-GP system works")
    assert list(circulars.search_articles(org=org, query="e-gp")) == [guide]


def test_search_stays_in_the_org(org, other_org):
    article(other_org, "งบประมาณของเขา", "งบประมาณ")
    assert not circulars.search_articles(org=org, query="งบประมาณ").exists()


def test_the_search_page_shows_what_matches(client, org, make_member, finance, works):
    staff = make_member(org, Role.STAFF, "somsri").user
    article(org, "ขั้นตอนการเบิกจ่ายเงิน", "ขั้นตอนของกองคลัง", finance)
    article(org, "การขออนุญาตก่อสร้าง", "ยื่นแบบ", works)
    client.force_login(staff)

    page = client.get(url("km", org), {"q": "เบิกจ่าย"}).content.decode()
    assert "ขั้นตอนการเบิกจ่ายเงิน" in page and "การขออนุญาตก่อสร้าง" not in page
    page = client.get(url("km", org), {"division": works.pk}).content.decode()
    assert "การขออนุญาตก่อสร้าง" in page and "ขั้นตอนการเบิกจ่ายเงิน" not in page


def test_plain_staff_write_an_article_for_their_division(client, org, make_member, finance):
    staff = make_member(org, Role.STAFF, "somsri", division=finance).user
    client.force_login(staff)
    form = client.get(url("km_new", org)).content.decode()
    assert f'value="{finance.pk}" selected' in form

    response = client.post(
        url("km_new", org),
        {"title": "วิธีตรวจฎีกา", "division": finance.pk, "body": "ตรวจเอกสารให้ครบ"},
    )

    created = KmArticle.objects.get()
    assert response.status_code == 302
    assert (created.author, created.division) == (staff, finance)
    assert AuditEvent.objects.filter(action="km_article_created").exists()


def test_an_empty_article_is_refused(client, org, alice):
    client.force_login(alice)
    response = client.post(url("km_new", org), {"title": "", "body": ""})
    assert response.status_code == 400
    assert "กรอกเรื่องของบทความ" in response.content.decode()
    assert not KmArticle.objects.exists()


def test_only_the_author_and_admins_edit(client, org, alice, make_member):
    author = make_member(org, Role.STAFF, "author").user
    colleague = make_member(org, Role.OFFICER, "colleague").user
    written = article(org, "เรื่องเดิม", "เนื้อหา", author=author)
    data = {"title": "เรื่องใหม่", "body": "เนื้อหาใหม่"}

    client.force_login(colleague)
    assert client.get(url("km_edit", org, written.pk)).status_code == 403
    assert client.post(url("km_edit", org, written.pk), data).status_code == 403
    assert "แก้ไข</a>" not in client.get(url("km_article", org, written.pk)).content.decode()

    for editor in (author, alice):
        client.force_login(editor)
        assert client.post(url("km_edit", org, written.pk), data).status_code == 302
    written.refresh_from_db()
    assert written.title == "เรื่องใหม่" and written.author == author


def test_a_division_of_another_org_is_refused(client, org, other_org, alice):
    theirs = DivisionFactory(org=other_org)
    client.force_login(alice)
    response = client.post(
        url("km_new", org), {"title": "เรื่อง", "body": "เนื้อหา", "division": theirs.pk}
    )
    assert response.status_code == 400
    assert not KmArticle.objects.exists()


def test_another_orgs_article_is_absent(client, org, other_org, alice, bob):
    theirs = article(other_org, "ของเขา", "เนื้อหา", author=bob)
    client.force_login(alice)
    assert client.get(url("km_article", org, theirs.pk)).status_code == 404
    assert (
        client.post(url("km_edit", org, theirs.pk), {"title": "x", "body": "y"}).status_code == 404
    )
    assert client.get(url("km", other_org)).status_code == 403
