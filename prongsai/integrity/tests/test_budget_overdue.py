"""Questions left unanswered past the time limit are flagged to the executives."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from prongsai.integrity import budget
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import PositionFactory

Role = Membership.Role


@pytest.fixture
def clerk(org, make_member):
    return make_member(org, Role.STAFF, "clerk").user


@pytest.fixture
def boss(org, make_member):
    return make_member(org, Role.EXECUTIVE, "boss", user__email="boss@example.org").user


def ask(org, author, *, days_ago: int, item: str = "ค่าจ้างเหมาบริการ", **kwargs):
    return budget.ask_budget_question(
        org=org,
        author=author,
        intent="objection",
        item=item,
        text="ขอคำชี้แจง",
        received_at=timezone.now() - timedelta(days=days_ago),
        **kwargs,
    )


def test_a_question_past_the_limit_is_overdue(org, clerk):
    late = ask(org, clerk, days_ago=16)
    ask(org, clerk, days_ago=3)
    assert late.is_overdue
    assert list(budget.overdue_questions(org=org)) == [late]


def test_an_answered_question_is_not_overdue(org, clerk, alice):
    late = ask(org, clerk, days_ago=20)
    budget.answer_budget_question(case=late, actor=alice, text="ชี้แจงแล้ว", close=True)
    assert list(budget.overdue_questions(org=org)) == []


def test_executives_see_it_highlighted_in_the_list(client, org, clerk, boss):
    ask(org, clerk, days_ago=16, item="งานเก่าค้าง")
    client.force_login(boss)
    html = client.get(reverse("org:budget_questions", args=[org.slug])).content.decode()
    assert "budget-q--overdue" in html
    assert "มี 1 เรื่องยังไม่ได้ตอบเกินกำหนด 15 วัน" in html


def test_plain_staff_see_it_only_on_its_page(client, org, clerk):
    late = ask(org, clerk, days_ago=16)
    client.force_login(clerk)
    html = client.get(reverse("org:budget_questions", args=[org.slug])).content.decode()
    assert "budget-q--overdue" not in html
    page = client.get(reverse("org:budget_question", args=[org.slug, late.tracking_code]))
    assert "เกินกำหนดแล้ว" in page.content.decode()


def test_the_command_mails_the_executives_once_a_day(org, clerk, boss, make_member):
    chief = PositionFactory(org=org, name="ปลัด อบต.", is_executive=True)
    make_member(org, Role.OFFICER, "chief", position=chief, user__email="chief@example.org")
    make_member(org, Role.STAFF, "nobody", user__email="nobody@example.org")
    late = ask(org, clerk, days_ago=17, item="โครงการแข่งกีฬา", anonymous=True)
    ask(org, clerk, days_ago=1)

    call_command("flag_budget_questions", verbosity=0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["boss@example.org", "chief@example.org"]
    assert "1 เรื่อง" in message.subject
    assert "โครงการแข่งกีฬา" in message.body
    assert f"/budget/q/{late.tracking_code}/" in message.body
    flagged = AuditEvent.objects.get(action="budget_overdue_flagged")
    assert (flagged.org, flagged.actor, flagged.actor_name) == (org, None, "")

    call_command("flag_budget_questions", verbosity=0)
    assert len(mail.outbox) == 1
    call_command("flag_budget_questions", "--force", verbosity=0)
    assert len(mail.outbox) == 2


def test_the_command_sends_nothing_when_nothing_is_overdue(org, other_org, clerk, boss):
    ask(org, clerk, days_ago=2)
    call_command("flag_budget_questions", verbosity=0)
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="budget_overdue_flagged").exists()


def test_the_command_keeps_to_the_org_named(org, other_org, clerk, boss):
    ask(org, clerk, days_ago=30)
    call_command("flag_budget_questions", "--org", other_org.slug, verbosity=0)
    assert mail.outbox == []
    call_command("flag_budget_questions", "--org", org.slug, verbosity=0)
    assert len(mail.outbox) == 1
