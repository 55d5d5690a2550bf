"""Budget questions never appear on public pages, in public counts or in open data."""

from datetime import date, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from prongsai.inbox import services
from prongsai.inbox.models import Attachment, Case
from prongsai.integrity import budget
from prongsai.orgs.models import Membership
from prongsai.surveys import offers
from prongsai.surveys.tests.factories import SurveyFactory

Role = Membership.Role
LABEL = str(Case.Kind.BUDGET.label)


@pytest.fixture
def question(org, make_member):
    clerk = make_member(org, Role.STAFF, "clerk").user
    return budget.ask_budget_question(
        org=org, author=clerk, intent="question", item="ค่าเบี้ยประชุม", text="จ่ายเท่าไร"
    )


@pytest.fixture
def answered(question, alice):
    return budget.answer_budget_question(case=question, actor=alice, text="ตามระเบียบ", close=True)


def test_the_tracking_page_answers_as_for_an_unknown_code(client, org, answered):
    url = reverse("org:track", args=[org.slug, answered.tracking_code])
    assert client.get(url).status_code == 404
    lookup = client.get(
        reverse("org:track_lookup", args=[org.slug]), {"code": answered.tracking_code}
    )
    assert lookup.status_code == 200
    assert "ไม่พบเรื่องที่มีรหัสนี้" in lookup.content.decode()


def test_a_public_attachment_of_it_is_absent(client, org, question):
    attachment = Attachment(
        case=question,
        stored_name="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=4,
        is_public=True,
    )
    attachment.file.save("x.pdf", ContentFile(b"%PDF"), save=True)
    url = reverse("org:track_file", args=[org.slug, question.tracking_code, attachment.pk])
    assert client.get(url).status_code == 404


def test_no_satisfaction_survey_is_offered(client, org, answered):
    SurveyFactory(org=org, offer_on_close=True)
    assert offers.offer_for(answered) is None
    url = reverse("org:case_survey", args=[org.slug, answered.tracking_code])
    assert client.get(url).status_code == 404


def test_the_public_statistics_leave_it_out(client, org, question):
    services.submit_case(org=org, channel="line", kind="complaint", subject="ไฟดับ")
    year = budget.next_fiscal_year() - 1
    for period in ("quarter", "year"):
        response = client.get(
            reverse("org:stats", args=[org.slug]), {"year": year, "period": period}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert LABEL not in html
        assert str(Case.Channel.STAFF.label) not in html
        table = response.context["by_kind"]
        assert table.total == 1
        assert "budget" not in [row.key for row in table.rows]
        assert "staff" not in [row.key for row in response.context["by_channel"].rows]
    xlsx = client.get(reverse("org:stats_xlsx", args=[org.slug]), {"year": year})
    assert xlsx.status_code == 200


def test_the_open_data_api_leaves_it_out(client, org, question):
    services.submit_case(org=org, channel="line", kind="complaint", subject="ไฟดับ")
    today = timezone.localdate()
    params = {"start": (today - timedelta(days=1)).isoformat(), "end": today.isoformat()}
    url = f"/api/v1/orgs/{org.slug}/stats/cases"
    assert client.get(url, params | {"by": "kind"}).json()["counts"] == {"complaint": 1}
    assert client.get(url, params | {"by": "channel"}).json()["counts"] == {"line": 1}
    assert client.get(url, params | {"by": "division"}).json()["counts"] == {"": 1}
    months = client.get(url, params | {"by": "month"}).json()["counts"]
    assert sum(months.values()) == 1


def test_a_budget_question_logged_by_phone_is_still_staff_only(client, org, alice):
    case = services.submit_case(
        org=org,
        channel="phone",
        kind="budget",
        subject="ถามเรื่องงบ",
        received_at=timezone.make_aware(datetime.combine(date.today(), datetime.min.time())),
        actor=alice,
    )
    assert client.get(reverse("org:track", args=[org.slug, case.tracking_code])).status_code == 404


def test_a_budget_question_cannot_be_made_a_public_kind_nor_tracked_by_line(org, alice):
    from django.core.exceptions import ValidationError

    from prongsai.inbox import services as inbox
    from prongsai.inbox.models import Case
    from prongsai.messaging.line.conversation import _track
    from prongsai.messaging.line.models import LineAccount, LineUser

    case = inbox.submit_case(
        org=org, channel=Case.Channel.STAFF, kind=Case.Kind.BUDGET, subject="ค่าจ้างเหมารถ"
    )
    with pytest.raises(ValidationError, match="เปลี่ยนประเภท"):
        inbox.reclassify_case(case=case, kind=Case.Kind.COMPLAINT, actor=alice)
    account = LineAccount.objects.create(org=org, basic_id="@t")
    user = LineUser.objects.create(org=org, line_user_id="U1")
    reply = _track(account, user, case.tracking_code)
    assert "ไม่พบเรื่อง" in reply["text"] and "ค่าจ้างเหมารถ" not in reply["text"]
