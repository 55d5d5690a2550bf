"""The ITAS links per year, the public ITA invitation, its counting, posters and home banner."""

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.utils import timezone

from prongsai.orgs.models import AuditEvent, ItasLink, Membership
from prongsai.surveys.models import OpenCount
from prongsai.thai import fiscal_year

Role = Membership.Role
SITE = "https://prongsai.example"
EIT = "https://itas.nacc.go.th/go/eit/abc123"
IIT = "https://itas.nacc.go.th/go/iit/abc123"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def today() -> date:
    return timezone.localdate()


def this_year() -> int:
    return fiscal_year(today())


def make_link(org, *, year=None, eit=EIT, iit=IIT, opens=-1, closes=1) -> ItasLink:
    day = today()
    return ItasLink.objects.create(
        org=org,
        fiscal_year=year or this_year(),
        eit_url=eit,
        iit_url=iit,
        opens_on=None if opens is None else day + timedelta(days=opens),
        closes_on=None if closes is None else day + timedelta(days=closes),
    )


def opens(org, key: str) -> int:
    return sum(OpenCount.objects.filter(org=org, key=key).values_list("count", flat=True))


# The public invitation ------------------------------------------------------------------


def test_the_invitation_explains_links_to_the_eit_and_counts_each_open(client, org):
    link = make_link(org)
    url = f"/{org.slug}/ita/{link.fiscal_year}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ITA" in html and "5 นาที" in html
    assert f'href="{EIT}"' in html and "<svg" in html
    assert IIT not in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    client.get(url)
    assert opens(org, f"invitation:{link.fiscal_year}") == 2
    assert "sessionid" not in response.cookies


def test_the_iit_invitation_is_counted_apart(client, org):
    link = make_link(org)
    response = client.get(f"/{org.slug}/ita/{link.fiscal_year}/iit/")
    assert response.status_code == 200
    assert f'href="{IIT}"' in response.content.decode()
    assert opens(org, f"invitation:{link.fiscal_year}:iit") == 1
    assert opens(org, f"invitation:{link.fiscal_year}") == 0


def test_a_year_without_links_is_not_found(client, org, other_org):
    make_link(other_org, year=2568)
    make_link(org, year=2567, iit="")
    assert client.get(f"/{org.slug}/ita/2568/").status_code == 404  # only bob's org has it
    assert client.get(f"/{org.slug}/ita/2567/iit/").status_code == 404  # no IIT link
    assert client.get(f"/{org.slug}/ita/2569/").status_code == 404
    assert not OpenCount.objects.filter(org=org).exists()


def test_after_the_period_the_invitation_says_it_is_over(client, org):
    link = make_link(org, opens=-30, closes=-1)
    html = client.get(f"/{org.slug}/ita/{link.fiscal_year}/").content.decode()
    assert "สิ้นสุดแล้ว" in html
    assert EIT not in html


def test_before_the_period_the_invitation_says_when_it_opens(client, org):
    link = make_link(org, opens=3, closes=30)
    html = client.get(f"/{org.slug}/ita/{link.fiscal_year}/").content.decode()
    assert "จะเปิดให้ตอบตั้งแต่" in html and EIT in html


def test_the_invitation_only_answers_get(client, org):
    link = make_link(org)
    assert client.post(f"/{org.slug}/ita/{link.fiscal_year}/").status_code == 405
    assert not OpenCount.objects.exists()


# The home page banner -------------------------------------------------------------------


@pytest.mark.parametrize(
    "opens_in, closes_in, shown",
    [
        (-1, 1, True),
        (0, 0, True),
        (-5, None, True),  # no closing day yet
        (-30, -1, False),  # over
        (1, 30, False),  # not yet
        (None, None, False),  # no period set
    ],
)
def test_the_home_banner_appears_only_inside_the_period(client, org, opens_in, closes_in, shown):
    link = make_link(org, opens=opens_in, closes=closes_in)
    html = client.get(f"/{org.slug}/").content.decode()
    invitation = f"/{org.slug}/ita/{link.fiscal_year}/"
    assert (invitation in html) is shown
    assert ('class="card invitation-banner"' in html) is shown
    assert EIT not in html  # the banner leads to the counted invitation page


def test_no_banner_without_an_eit_link(client, org):
    make_link(org, eit="")
    assert "invitation-banner" not in client.get(f"/{org.slug}/").content.decode()


def test_the_banner_is_the_orgs_own(client, org, other_org):
    make_link(other_org)
    assert "invitation-banner" not in client.get(f"/{org.slug}/").content.decode()


# The staff page of ITAS links -----------------------------------------------------------


def form(**extra) -> dict:
    year = this_year()
    return {
        "fiscal_year": year,
        "eit_url": EIT,
        "iit_url": IIT,
        "opens_on": date(year - 543, 4, 1).isoformat(),
        "closes_on": date(year - 543, 6, 30).isoformat(),
        **extra,
    }


def test_an_admin_adds_a_year_and_it_is_audit_logged(client, org, alice):
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/itas/new/", form())
    assert response.status_code == 302
    link = ItasLink.objects.get(org=org)
    assert (link.fiscal_year, link.eit_url, link.iit_url) == (this_year(), EIT, IIT)
    event = AuditEvent.objects.get(action="itas_link_created")
    assert event.org == org and event.actor == alice


def test_an_admin_edits_a_year(client, org, alice):
    link = make_link(org)
    client.force_login(alice)
    page = client.get(f"/{org.slug}/staff/itas/{link.fiscal_year}/")
    assert page.status_code == 200 and "fiscal_year" not in page.context["form"].fields
    new = "https://itas.nacc.go.th/go/eit/new999"
    response = client.post(
        f"/{org.slug}/staff/itas/{link.fiscal_year}/", form(eit_url=new, fiscal_year=2500)
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.eit_url == new and link.fiscal_year == this_year()
    event = AuditEvent.objects.get(action="itas_link_changed")
    assert event.detail["changed"]["eit_url"] == new


def test_a_link_without_its_scheme_is_taken_as_https(client, org, alice):
    client.force_login(alice)
    client.post(f"/{org.slug}/staff/itas/new/", form(eit_url="itas.nacc.go.th/go/eit/x1"))
    assert ItasLink.objects.get(org=org).eit_url == "https://itas.nacc.go.th/go/eit/x1"


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"eit_url": "http://itas.nacc.go.th/go/eit/abc"}, "https://"),
        ({"iit_url": "javascript:alert(1)"}, "ลิงก์ไม่ถูกต้อง"),
        ({"eit_url": "", "iit_url": ""}, "อย่างน้อยหนึ่งลิงก์"),
        ({"fiscal_year": 2025}, "ปี พ.ศ."),
        ({"fiscal_year": "สองพัน"}, "ตัวเลข"),
        ({"opens_on": "2025-13-40"}, "วันที่ไม่ถูกต้อง"),
        ({"closes_on": "2000-01-01"}, "วันปิดต้องไม่ก่อนวันเปิด"),
        ({"opens_on": ""}, "กรุณาระบุวันเปิดให้ตอบด้วย"),
        ({"opens_on": "2001-01-01", "closes_on": "2001-02-01"}, "ต้องอยู่ในปีงบประมาณ"),
    ],
)
def test_bad_input_is_refused_in_thai_and_nothing_is_saved(client, org, alice, bad, message):
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/itas/new/", form(**bad))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ItasLink.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="itas_link").exists()


def test_a_year_is_added_only_once(client, org, other_org, alice):
    make_link(other_org)  # another org's year does not count
    client.force_login(alice)
    assert client.post(f"/{org.slug}/staff/itas/new/", form()).status_code == 302
    again = client.post(f"/{org.slug}/staff/itas/new/", form())
    assert "มีลิงก์ของปีงบประมาณ" in again.content.decode()
    assert ItasLink.objects.filter(org=org).count() == 1


def test_executives_view_but_do_not_edit(client, org, make_member):
    link = make_link(org)
    boss = make_member(org, Role.EXECUTIVE, "boss").user
    client.force_login(boss)
    page = client.get(f"/{org.slug}/staff/itas/")
    assert page.status_code == 200
    html = page.content.decode()
    assert EIT in html and f'/staff/itas/{link.fiscal_year}/"' not in html
    assert client.get(f"/{org.slug}/staff/itas/new/").status_code == 403
    assert client.post(f"/{org.slug}/staff/itas/{link.fiscal_year}/", form()).status_code == 403


def test_other_roles_and_orgs_are_kept_out(client, org, other_org, make_member, bob):
    link = make_link(org)
    theirs = make_link(other_org, year=2560)
    clerk = make_member(org, Role.STAFF, "clerk").user
    client.force_login(clerk)
    assert client.get(f"/{org.slug}/staff/itas/").status_code == 403
    client.force_login(bob)
    assert client.get(f"/{org.slug}/staff/itas/").status_code == 403
    assert client.get(f"/{org.slug}/staff/itas/{link.fiscal_year}/").status_code == 403
    # bob's own admin page does not reach alice's org's year, nor alice's page bob's.
    assert client.get(f"/{other_org.slug}/staff/itas/{link.fiscal_year}/").status_code == 404
    assert client.get(f"/{other_org.slug}/staff/itas/{theirs.fiscal_year}/").status_code == 200


def test_the_page_shows_how_often_invitation_and_posters_were_opened(client, org, alice):
    link = make_link(org)
    year = link.fiscal_year
    for _ in range(3):
        client.get(f"/{org.slug}/ita/{year}/")
    OpenCount.objects.create(
        org=org, key=f"poster:itas:{year}:eit", day=today() - timedelta(days=2), count=4
    )
    OpenCount.objects.create(
        org=org, key=f"invitation:{year}", day=today() - timedelta(days=90), count=10
    )
    client.force_login(alice)
    page = client.get(f"/{org.slug}/staff/itas/")
    year_stats = page.context["years"][0]
    assert year_stats["totals"] == [13, 4, 0, 0]
    assert [counts for _, counts in year_stats["days"]] == [[3, 0, 0, 0], [0, 4, 0, 0]]
    assert year_stats["is_open"]


# ITAS posters ---------------------------------------------------------------------------


def test_the_eit_poster_leads_to_the_invitation_page(client, org, alice, tmp_path):
    link = make_link(org)
    year = link.fiscal_year
    client.force_login(alice)
    page = client.get(f"/{org.slug}/staff/itas/{year}/eit/poster/")
    assert page.status_code == 200
    assert page.context["target"].url == f"{SITE}/{org.slug}/ita/{year}/"
    pdf = client.get(f"/{org.slug}/staff/itas/{year}/eit/poster.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / "p.pdf"
        path.write_bytes(pdf.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
        assert f"{SITE}/{org.slug}/ita/{year}/" in text.stdout
        assert org.name_th in text.stdout
    png = client.get(f"/{org.slug}/staff/itas/{year}/iit/poster.png")
    assert png.status_code == 200
    assert opens(org, f"poster:itas:{year}:eit") == 1
    assert opens(org, f"poster:itas:{year}:iit") == 1


def test_itas_posters_need_the_link_and_the_org(client, org, other_org, alice):
    link = make_link(org, iit="")
    theirs = make_link(other_org, year=2560)
    client.force_login(alice)
    year = link.fiscal_year
    assert client.get(f"/{org.slug}/staff/itas/{year}/iit/poster/").status_code == 404
    assert client.get(f"/{org.slug}/staff/itas/{year}/xyz/poster/").status_code == 404
    assert client.get(f"/{org.slug}/staff/itas/{theirs.fiscal_year}/eit/poster/").status_code == 404
    client.logout()
    assert client.get(f"/{org.slug}/staff/itas/{year}/eit/poster.png").status_code == 302
