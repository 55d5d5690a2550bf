"""An anonymous budget question leaves nothing that leads back to its author."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.inbox.models import Case, CaseEvent
from prongsai.integrity import budget
from prongsai.orgs import tokens
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


@pytest.fixture
def finance(org):
    return DivisionFactory(org=org, name="กองคลัง")


@pytest.fixture
def asker(org, make_member):
    return make_member(
        org, Role.STAFF, "whistle", user__first_name="วันเพ็ญ", user__last_name="ลับเฉพาะ"
    ).user


def traces(user) -> list[str]:
    return [user.get_username(), user.first_name, user.last_name, user.get_full_name()]


def ask_anonymously(client, org, asker) -> Case:
    client.force_login(asker)
    response = client.post(
        reverse("org:budget_question_new", args=[org.slug]),
        {
            "intent": "objection",
            "item": "โครงการจัดซื้อเครื่องพิมพ์",
            "text": "ราคาสูงกว่าท้องตลาดมาก",
            "anonymous": "on",
            "idempotency_key": "8f14e45fceea167a5a36dedd4bea2543",
        },
    )
    case = Case.objects.get(kind=Case.Kind.BUDGET)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "org:budget_question", args=[org.slug, case.tracking_code]
    )
    # Signing in is no secret; what must not exist is anything tying the author to the question.
    AuditEvent.objects.filter(action="login").delete()
    client.logout()
    AuditEvent.objects.filter(action="logout").delete()
    return case


def test_it_stores_nothing_of_the_author(client, org, asker, finance):
    case = ask_anonymously(client, org, asker)

    assert (case.kind, case.channel, case.division) == ("budget", "staff", finance)
    assert (case.reporter_name, case.reporter_phone, case.reporter_email) == ("", "", "")
    assert case.assignee is None
    row = json.dumps(
        {field.attname: str(getattr(case, field.attname)) for field in Case._meta.concrete_fields},
        ensure_ascii=False,
    )
    for trace in traces(asker):
        assert trace not in row
    assert not CaseEvent.objects.filter(case=case, actor__isnull=False).exists()
    # The time asked is kept to the day, so it cannot be matched with other steps.
    local = timezone.localtime(case.received_at)
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    assert case.created_at == case.received_at


def test_the_audit_log_holds_no_row_naming_the_author(client, org, asker, alice, finance):
    case = ask_anonymously(client, org, asker)
    budget.answer_budget_question(case=case, actor=alice, text="ตรวจสอบแล้ว ราคาตามราคากลาง")

    for event in AuditEvent.objects.all():
        assert event.actor_id != asker.pk
        text = json.dumps([event.actor_name, event.detail, event.target_repr], ensure_ascii=False)
        for trace in traces(asker):
            assert trace not in text

    client.force_login(alice)
    page = client.get(reverse("org:audit_log", args=[org.slug])).content.decode()
    for trace in traces(asker):
        assert trace not in page


def test_the_staff_pages_do_not_show_the_author(client, org, asker, alice, finance):
    case = ask_anonymously(client, org, asker)
    client.force_login(alice)
    pages = [
        reverse("org:budget_questions", args=[org.slug]),
        reverse("org:budget_question", args=[org.slug, case.tracking_code]),
        reverse("org:case", args=[org.slug, case.tracking_code]),
        reverse("org:cases", args=[org.slug]) + "?status=",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "โครงการจัดซื้อเครื่องพิมพ์" in html, url
        for trace in traces(asker):
            assert trace not in html, url
    assert "ไม่ระบุชื่อ" in client.get(pages[1]).content.decode()


def test_the_staff_api_does_not_show_the_author(client, org, asker, alice, finance):
    case = ask_anonymously(client, org, asker)
    token = tokens.issue_token(user=alice, label="รายงาน")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for url in (
        f"/api/v1/orgs/{org.slug}/cases/",
        f"/api/v1/orgs/{org.slug}/cases/{case.tracking_code}/",
    ):
        response = client.get(url, **headers)
        assert response.status_code == 200
        body = response.content.decode()
        assert case.tracking_code in body
        for trace in traces(asker):
            assert trace not in body


def test_a_named_question_shows_the_author(client, org, asker, alice, finance):
    client.force_login(asker)
    client.post(
        reverse("org:budget_question_new", args=[org.slug]),
        {"intent": "question", "item": "ค่าซ่อมรถบรรทุกน้ำ", "text": "ซ่อมบ่อยเกินไปหรือไม่"},
    )
    case = Case.objects.get(kind=Case.Kind.BUDGET)
    assert case.reporter_name == "วันเพ็ญ ลับเฉพาะ"
    assert case.events.get(kind="created").actor == asker
    assert AuditEvent.objects.filter(action="case_created", actor=asker).exists()
    client.force_login(alice)
    page = client.get(reverse("org:budget_question", args=[org.slug, case.tracking_code]))
    assert "วันเพ็ญ ลับเฉพาะ" in page.content.decode()
