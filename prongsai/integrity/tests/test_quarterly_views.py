"""The quarterly reports in the staff area: who sees them, who makes them, the files."""

import pytest
from django.urls import reverse

from prongsai.integrity import quarterly
from prongsai.integrity.models import QuarterlyReport
from prongsai.orgs.models import AuditEvent, Membership

Role = Membership.Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(org, name="quarterly_reports", *args):
    return reverse(f"org:{name}", args=[org.slug, *args])


@pytest.fixture
def kept(org):
    return quarterly.store_report(org=org, fiscal_year=2566, quarter=2)


def test_readers_see_the_list_and_only_makers_get_the_form(client, org, kept, make_member):
    for role, status, form in (
        (Role.STAFF, 403, False),
        (Role.OFFICER, 200, False),
        (Role.EXECUTIVE, 200, True),
        (Role.ADMIN, 200, True),
    ):
        client.force_login(make_member(org, role).user)
        response = client.get(url(org))
        assert response.status_code == status, role
        if status == 200:
            page = response.content.decode()
            assert "ไตรมาสที่ 2 ปีงบประมาณ 2566" in page
            assert url(org, "quarterly_report_file", 2566, 2) in page
            assert (url(org, "quarterly_report_make") in page) is form
            assert 'style="' not in page


def test_the_integrity_front_page_links_to_the_reports_except_for_plain_staff(
    client, org, make_member
):
    client.force_login(make_member(org, Role.EXECUTIVE).user)
    assert url(org) in client.get(reverse("org:integrity", args=[org.slug])).content.decode()
    client.force_login(make_member(org, Role.STAFF).user)
    assert url(org) not in client.get(reverse("org:integrity", args=[org.slug])).content.decode()


def test_an_admin_makes_a_report_and_it_is_audited(client, org, alice):
    client.force_login(alice)
    response = client.post(url(org, "quarterly_report_make"), {"year": "2566", "quarter": "2"})
    assert response.status_code == 302
    report = QuarterlyReport.objects.get(org=org, fiscal_year=2566, quarter=2)
    assert report.pdf.read().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="quarterly_report_made", org=org).count() == 1
    client.post(url(org, "quarterly_report_make"), {"year": "2566", "quarter": "2"})
    assert QuarterlyReport.objects.filter(org=org).count() == 1


@pytest.mark.parametrize(
    "form", [{"year": "2566", "quarter": "5"}, {"year": "abc", "quarter": "1"}, {"year": "2700"}]
)
def test_it_refuses_bad_and_future_quarters(client, org, alice, form):
    client.force_login(alice)
    response = client.post(url(org, "quarterly_report_make"), form, follow=True)
    assert "เลือกปีงบประมาณและไตรมาสที่เริ่มแล้ว" in response.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_officers_and_plain_staff_cannot_make_one(client, org, make_member):
    for role in (Role.OFFICER, Role.STAFF):
        client.force_login(make_member(org, role).user)
        response = client.post(url(org, "quarterly_report_make"), {"year": "2566", "quarter": "2"})
        assert response.status_code == 403
    assert not QuarterlyReport.objects.exists()


def test_the_file_is_shown_or_downloaded(client, org, kept, make_member):
    client.force_login(make_member(org, Role.OFFICER).user)
    shown = client.get(url(org, "quarterly_report_file", 2566, 2))
    assert shown.status_code == 200 and shown["Content-Type"] == "application/pdf"
    assert b"".join(shown.streaming_content).startswith(b"%PDF")
    assert shown["Content-Disposition"].startswith("inline")
    saved = client.get(url(org, "quarterly_report_file", 2566, 2) + "?download=1")
    assert saved["Content-Disposition"] == (
        f'attachment; filename="quarterly-{org.slug}-2566-q2.pdf"'
    )
    assert client.get(url(org, "quarterly_report_file", 2566, 3)).status_code == 404


def test_another_orgs_report_is_not_found(client, org, other_org, kept, bob, make_member):
    client.force_login(bob)
    assert client.get(url(org, "quarterly_report_file", 2566, 2)).status_code == 403
    assert client.get(url(other_org, "quarterly_report_file", 2566, 2)).status_code == 404


def test_the_preview_shows_the_quarter_as_it_stands(client, org, alice):
    client.force_login(alice)
    response = client.get(url(org, "quarterly_report_preview", 2566, 2))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ไตรมาสที่ ๒ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖" in page
    assert "ไม่มีการฝึกอบรมในไตรมาสนี้" in page and 'style="' not in page
    assert client.get(url(org, "quarterly_report_preview", 2566, 5)).status_code == 404
    assert client.get(url(org, "quarterly_report_preview", 2700, 1)).status_code == 404
