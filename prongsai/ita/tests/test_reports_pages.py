"""The O42/O43 staff buttons, the public pages and the plans API."""

import pytest
from django.urls import reverse

from prongsai.ita.reports import samples
from prongsai.orgs.models import AuditEvent, Membership

Role = Membership.Role


@pytest.fixture
def plan(org):
    return samples.reference_plan(org, 2566, satisfaction="{{nosuch}}")


def staff_url(org, kind="o43", fmt="html", year=2566):
    return reverse("org:ita_report", args=[org.slug, year, kind, fmt])


def public_url(org, kind="o43", year=2566):
    return reverse("org:public_report", args=[org.slug, year, kind])


def test_staff_see_the_report_with_figure_problems(client, plan, alice):
    client.force_login(alice)
    response = client.get(staff_url(plan.org))
    assert response.status_code == 200
    page = response.content.decode()
    assert "rpt-problems" in page and "มาตรการที่ ๔ วิธีการที่ ๒" in page
    assert 'ร้อยละ <mark class="rpt__figure">⟦?⟧</mark>' in page
    assert 'style="' not in page and "<script>" not in page.split("</header>", 1)[1]


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF"), ("docx", b"PK")])
def test_staff_download_files_and_it_is_audited(client, plan, alice, fmt, magic):
    client.force_login(alice)
    response = client.get(staff_url(plan.org, fmt=fmt))
    assert response.status_code == 200 and response.content.startswith(magic)
    assert f'filename="o43-{plan.org.slug}-2566.{fmt}"' in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="ita_report_exported", org=plan.org).exists()


def test_only_admins_officers_and_executives_get_reports(client, plan, make_member):
    for role, status in ((Role.STAFF, 403), (Role.EXECUTIVE, 200), (Role.OFFICER, 200)):
        client.force_login(make_member(plan.org, role).user)
        assert client.get(staff_url(plan.org, kind="o42")).status_code == status


def test_it_handles_unknown_kind_format_year_and_another_org(client, plan, alice, bob):
    client.force_login(alice)
    assert client.get(staff_url(plan.org, kind="o44")).status_code == 404
    assert client.get(staff_url(plan.org, fmt="xlsx")).status_code == 404
    assert client.get(staff_url(plan.org, year=2570)).status_code == 404
    client.force_login(bob)
    assert client.get(staff_url(plan.org)).status_code == 403


def test_the_public_page_waits_for_publication(client, plan):
    assert client.get(public_url(plan.org)).status_code == 404
    plan.o42_published = True
    plan.save()
    assert client.get(public_url(plan.org, "o42")).status_code == 200
    assert client.get(public_url(plan.org)).status_code == 404
    file_url = reverse("org:public_report_file", args=[plan.org.slug, 2566, "o43", "pdf"])
    assert client.get(file_url).status_code == 404
    plan.o43_published = True
    plan.save()
    response = client.get(public_url(plan.org))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ร้อยละ ⟦?⟧" in page and "rpt-problems" not in page and "nosuch" not in page
    assert reverse("org:public_report_file", args=[plan.org.slug, 2566, "o43", "docx"]) in page
    assert client.get(file_url).content.startswith(b"%PDF")


def test_another_orgs_plan_is_not_public_here(client, plan, other_org):
    plan.o43_published = True
    plan.save()
    assert client.get(public_url(other_org)).status_code == 404


def test_the_api_gives_published_plans_only(client, plan, other_org):
    url = f"/api/v1/orgs/{plan.org.slug}/plans/2566/"
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/orgs/nowhere/plans/2566/").status_code == 404
    plan.o42_published = True
    plan.save()
    body = client.get(url).json()
    assert body["fiscal_year"] == 2566 and body["results_published"] is False
    step = body["measures"][0]["steps"][0]
    assert step["result"] is None and step["period"] == "มี.ค.-เม.ย. ๖๖"
    plan.o43_published = True
    plan.save()
    body = client.get(url).json()
    assert len(body["measures"]) == 6
    measure = body["measures"][4]
    assert measure["number"] == 5 and measure["tools"] == ["EIT"]
    assert measure["title"].startswith("จัดทำและเผยแพร่")
    step = measure["steps"][0]
    assert set(step) == {"method", "responsible", "period", "result", "suggestion", "status"}
    assert "-Line จำนวน – ราย" in step["result"] and step["status"] == "done"
    arabic = client.get(url + "?digits=arabic").json()
    assert arabic["measures"][0]["steps"][0]["period"] == "มี.ค.-เม.ย. ๖๖"  # typed as printed
    assert client.get(f"/api/v1/orgs/{other_org.slug}/plans/2566/").status_code == 404
