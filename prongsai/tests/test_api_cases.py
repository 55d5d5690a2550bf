"""Staff JSON API on cases, with a personal token: who gets in, what they see, what is logged."""

import re
from datetime import datetime

import pytest
from django.utils import timezone

from prongsai.inbox import services
from prongsai.inbox.models import Case
from prongsai.orgs import tokens
from prongsai.orgs.models import ApiToken, AuditEvent, Membership
from prongsai.orgs.tests.factories import PositionFactory

Role = Membership.Role
BANGKOK = timezone.get_fixed_timezone(7 * 60)
THAI = re.compile("[\u0e00-\u0e7f]")


def cases_url(org, code: str = "") -> str:
    return f"/api/v1/orgs/{org.slug}/cases/" + (f"{code}/" if code else "")


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def token_of(user) -> str:
    return tokens.issue_token(user=user, label="สคริปต์รายงาน")[1]


def make_case(org, at=None, **kwargs) -> Case:
    fields = {"channel": "line", "kind": "complaint", "subject": "ไฟดับหน้าบ้าน"} | kwargs
    return services.submit_case(org=org, received_at=at, **fields)


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Role.OFFICER, "officer").user


@pytest.fixture
def lawyer(org, make_member):
    """The officer whose position receives corruption complaints."""
    position = PositionFactory(org=org, name="นิติกร", handles_corruption=True)
    return make_member(org, Role.OFFICER, "lawyer", position=position).user


@pytest.fixture
def corruption(org):
    return make_case(
        org,
        channel="web",
        kind="corruption",
        subject="ปลัดรับเงินใต้โต๊ะ",
        text="เห็นกับตาเมื่อวันจันทร์",
        reporter_name="นายผู้แจ้ง ลับมาก",
        reporter_phone="081-111-2222",
        reporter_email="whistle@example.com",
        consent=True,
    )


# Who gets in ------------------------------------------------------------------


def assert_401(response):
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert THAI.search(response.json()["detail"])


def test_a_request_without_a_token_is_401_in_thai(client, org, alice):
    assert_401(client.get(cases_url(org)))


@pytest.mark.parametrize("header", ["Bearer psai_not-a-real-token", "Bearer ", "Token abc", "abc"])
def test_a_wrong_token_is_401(client, org, alice, header):
    token_of(alice)
    assert_401(client.get(cases_url(org), HTTP_AUTHORIZATION=header))


def test_the_token_itself_is_needed_not_its_prefix_or_digest(client, org, alice):
    api_token, _ = tokens.issue_token(user=alice, label="x")
    assert_401(client.get(cases_url(org), **bearer(api_token.prefix)))
    assert_401(client.get(cases_url(org), **bearer(api_token.digest)))


def test_a_revoked_token_is_401(client, org, alice):
    api_token, token = tokens.issue_token(user=alice, label="x")
    assert client.get(cases_url(org), **bearer(token)).status_code == 200
    tokens.revoke_token(api_token=api_token)
    assert_401(client.get(cases_url(org), **bearer(token)))


def test_a_deactivated_user_or_membership_is_401(client, org, alice, officer):
    alice_token, officer_token = token_of(alice), token_of(officer)
    alice.is_active = False
    alice.save()
    assert_401(client.get(cases_url(org), **bearer(alice_token)))
    Membership.objects.filter(user=officer).update(is_active=False)
    assert_401(client.get(cases_url(org), **bearer(officer_token)))


def test_another_orgs_token_is_401(client, org, other_org, bob):
    make_case(org)
    response = client.get(cases_url(org), **bearer(token_of(bob)))
    assert_401(response)
    assert "ไฟดับ" not in response.content.decode()
    assert client.get(cases_url(other_org), **bearer(token_of(bob))).status_code == 200


def test_staff_outside_the_inbox_roles_are_403(client, org, make_member):
    clerk = make_member(org, Role.STAFF, "clerk").user
    response = client.get(cases_url(org), **bearer(token_of(clerk)))
    assert response.status_code == 403
    assert THAI.search(response.json()["detail"])


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OFFICER, Role.EXECUTIVE])
def test_admins_officers_and_executives_get_in(client, org, make_member, role):
    user = make_member(org, role, "member").user
    assert client.get(cases_url(org), **bearer(token_of(user))).status_code == 200


def test_an_unknown_org_is_404(client, alice):
    response = client.get("/api/v1/orgs/no-such-org/cases/", **bearer(token_of(alice)))
    assert response.status_code == 404


def test_use_is_recorded_on_the_token(client, org, alice):
    api_token, token = tokens.issue_token(user=alice, label="x")
    assert api_token.last_used_at is None
    client.get(cases_url(org), **bearer(token))
    api_token.refresh_from_db()
    assert api_token.last_used_at is not None


# The list -----------------------------------------------------------------------


def test_the_list_is_newest_first_and_paginated(client, org, alice):
    for day in range(1, 52):
        make_case(org, datetime(2023, 1, 1, 8, tzinfo=BANGKOK) + timezone.timedelta(hours=day))
    token = token_of(alice)
    first = client.get(cases_url(org), **bearer(token)).json()
    assert (first["count"], first["pages"], first["page"], first["page_size"]) == (51, 2, 1, 50)
    assert len(first["results"]) == 50
    received = [r["received_at"] for r in first["results"]]
    assert received == sorted(received, reverse=True)
    assert received[0] == "2023-01-03T11:00:00+07:00"  # local time, with its offset
    second = client.get(cases_url(org), {"page": "2"}, **bearer(token)).json()
    assert len(second["results"]) == 1
    codes = {r["tracking_code"] for r in first["results"] + second["results"]}
    assert len(codes) == 51
    assert client.get(cases_url(org), {"page": "3"}, **bearer(token)).status_code == 404


def test_an_empty_list_is_one_empty_page(client, org, alice):
    body = client.get(cases_url(org), **bearer(token_of(alice))).json()
    assert body == {"count": 0, "page": 1, "pages": 1, "page_size": 50, "results": []}


def test_the_list_holds_no_text_or_reporter(client, org, alice):
    make_case(org, text="รายละเอียดยาว", reporter_name="นายสมชาย", reporter_phone="0812345678")
    (item,) = client.get(cases_url(org), **bearer(token_of(alice))).json()["results"]
    assert item["subject"] == "ไฟดับหน้าบ้าน" and item["channel"] == "line"
    assert not {"text", "reporter_name", "reporter_phone"} & set(item)


def test_filters(client, org, other_org, alice):
    line = make_case(org, datetime(2023, 1, 10, 9, tzinfo=BANGKOK))
    web = make_case(org, datetime(2023, 2, 10, 9, tzinfo=BANGKOK), channel="web", kind="question")
    closed = make_case(org, datetime(2023, 3, 10, 9, tzinfo=BANGKOK))
    services.close_case(case=closed, status="resolved", resolution="ซ่อมแล้ว", actor=alice)
    make_case(other_org, datetime(2023, 1, 10, 9, tzinfo=BANGKOK))
    token = token_of(alice)

    def codes(**query):
        response = client.get(cases_url(org), query, **bearer(token))
        assert response.status_code == 200, response.content
        return {r["tracking_code"] for r in response.json()["results"]}

    everything = {line.tracking_code, web.tracking_code, closed.tracking_code}
    assert codes() == everything
    assert codes(channel="web") == {web.tracking_code}
    assert codes(kind="complaint") == {line.tracking_code, closed.tracking_code}
    assert codes(status="resolved") == {closed.tracking_code}
    assert codes(status="open") == {line.tracking_code, web.tracking_code}
    assert codes(start="2023-02-01") == {web.tracking_code, closed.tracking_code}
    assert codes(end="2023-01-31") == {line.tracking_code}
    assert codes(start="2023-02-10", end="2023-02-10") == {web.tracking_code}


@pytest.mark.parametrize(
    "query",
    [
        {"status": "lost"},
        {"kind": "gossip"},
        {"channel": "pigeon"},
        {"start": "10/01/2023"},
        {"end": "2023-02-30"},
        {"start": "2023-03-01", "end": "2023-02-01"},
        {"page": "0"},
        {"page": "two"},
        {"page": "²"},
    ],
)
def test_bad_filters_are_400_in_thai(client, org, alice, query):
    response = client.get(cases_url(org), query, **bearer(token_of(alice)))
    assert response.status_code == 400
    assert THAI.search(response.json()["detail"])


# One case -----------------------------------------------------------------------


def test_a_case_with_its_public_and_internal_timeline(client, org, alice, officer):
    case = make_case(
        org, channel="phone", reporter_name="นายสมชาย", reporter_phone="0812345678", address="ม.6"
    )
    services.assign_case(case=case, assignee=officer, actor=alice)
    services.add_note(case=case, actor=officer, text="ต้องใช้รถกระเช้า")
    services.reply_publicly(case=case, actor=officer, text="จะเข้าซ่อมพรุ่งนี้")

    response = client.get(cases_url(org, case.tracking_code), **bearer(token_of(alice)))
    assert response.status_code == 200
    body = response.json()
    assert body["tracking_code"] == case.tracking_code and body["masked"] is False
    assert (body["reporter_name"], body["reporter_phone"]) == ("นายสมชาย", "0812345678")
    assert body["assignee"] == "officer"
    timeline = [(e["kind"], e["is_public"], e["text"]) for e in body["timeline"]]
    assert ("note", False, "ต้องใช้รถกระเช้า") in timeline
    assert ("public_reply", True, "จะเข้าซ่อมพรุ่งนี้") in timeline
    assert timeline[0][:2] == ("created", True)
    # An ordinary case is no secret: opening it is not a logged event.
    assert not AuditEvent.objects.filter(action="case_viewed").exists()


def test_the_code_may_be_typed_as_people_read_it(client, org, alice):
    case = make_case(org)
    typed = f"{case.tracking_code[:4]}-{case.tracking_code[4:]}".lower()
    response = client.get(cases_url(org, typed), **bearer(token_of(alice)))
    assert response.json()["tracking_code"] == case.tracking_code


def test_another_orgs_case_is_404(client, org, other_org, alice):
    theirs = make_case(other_org)
    response = client.get(cases_url(org, theirs.tracking_code), **bearer(token_of(alice)))
    assert response.status_code == 404
    assert THAI.search(response.json()["detail"])
    assert client.get(cases_url(org, "ZZZZZZZZ"), **bearer(token_of(alice))).status_code == 404


# Corruption complaints --------------------------------------------------------------

SECRETS = ["ปลัดรับเงินใต้โต๊ะ", "เห็นกับตา", "ผู้แจ้ง ลับมาก", "081-111-2222", "whistle@"]


def test_a_corruption_complaint_is_masked_for_an_officer_without_the_position(
    client, org, officer, corruption
):
    services.add_note(case=corruption, actor=None, text="ตรวจสอบใบเสนอราคาแล้ว")
    token = token_of(officer)

    listed = client.get(cases_url(org), **bearer(token))
    assert listed.json()["results"][0]["masked"] is True
    detail = client.get(cases_url(org, corruption.tracking_code), **bearer(token))
    assert detail.status_code == 200
    body = detail.json()
    assert body["masked"] is True and body["kind"] == "corruption"
    assert body["text"] == body["reporter_name"] == body["reporter_phone"] == ""
    assert all(event["text"] == "" for event in body["timeline"])
    for response in (listed, detail):
        text = response.content.decode()
        assert not any(secret in text for secret in SECRETS)
        assert "ใบเสนอราคา" not in text

    event = AuditEvent.objects.get(action="case_viewed")
    assert (event.actor, event.org, event.target_id) == (officer, org, str(corruption.pk))
    assert event.detail == {"via": "api", "masked": True}


def test_the_corruption_officer_and_the_assignee_see_it_and_are_logged(
    client, org, alice, officer, lawyer, corruption
):
    services.assign_case(case=corruption, assignee=officer, actor=lawyer)
    for user in (lawyer, officer):
        body = client.get(cases_url(org, corruption.tracking_code), **bearer(token_of(user))).json()
        assert body["masked"] is False
        assert body["subject"] == "ปลัดรับเงินใต้โต๊ะ"
        assert body["reporter_phone"] == "081-111-2222"
    viewers = AuditEvent.objects.filter(action="case_viewed").values_list(
        "actor__username", flat=True
    )
    assert sorted(viewers) == ["lawyer", "officer"]
    # The org's admin is not among those who may read it.
    body = client.get(cases_url(org, corruption.tracking_code), **bearer(token_of(alice))).json()
    assert body["masked"] is True and body["reporter_name"] == ""


def test_tokens_are_stored_as_digests(org, alice):
    _api_token, token = tokens.issue_token(user=alice, label="x")
    assert token not in {str(v) for v in ApiToken.objects.values_list().get()}
