"""The public board of matters, "me too" on it, and the follow-through policy page."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import board, follow_through, services
from prongsai.inbox.models import Attachment, Case, CaseEvent, CasePolicy, MeToo
from prongsai.inbox.policy import save_policy
from prongsai.inbox.tests.photos import photo
from prongsai.orgs.models import AuditEvent, Membership, Village

Kind = Case.Kind
Status = Case.Status
BANGKOK = timezone.get_fixed_timezone(7 * 60)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def policy(org):
    return CasePolicy.objects.create(org=org, board_kinds=[Kind.COMPLAINT, Kind.REQUEST])


def submit(org, subject, *, kind=Kind.COMPLAINT, **fields):
    return services.submit_case(org=org, channel="web", kind=kind, subject=subject, **fields)


def resolve(case, officer, **fields):
    proof = {}
    if services.needs_proof(case, Status.RESOLVED):
        proof = {"before_photos": [photo("before.jpg")], "after_photos": [photo("after.jpg")]}
    return services.close_case(
        case=case, status=Status.RESOLVED, resolution="ซ่อมแล้ว", actor=officer, **proof, **fields
    )


def board_url(org, *parts):
    return "/".join([f"/{org.slug}/matters", *map(str, parts)]) + "/"


# -- what the board shows ------------------------------------------------------------------


def test_the_board_shows_only_public_kinds_the_org_opened(
    org, other_org, policy, road_service, corruption_service
):
    complaint = submit(org, "ถนนเป็นหลุม", service=road_service)
    request = submit(org, "ขอหนังสือรับรอง", kind=Kind.REQUEST)
    submit(org, "ความเห็น", kind=Kind.OPINION)  # a public kind, not opened
    submit(org, "ทุจริต", service=corruption_service)
    services.submit_case(org=org, channel="staff", kind=Kind.BUDGET, subject="งบประมาณ")
    hidden = submit(org, "เรื่องที่ซ่อน")
    Case.objects.filter(pk=hidden.pk).update(board_hidden=True)
    CasePolicy.objects.create(org=other_org, board_kinds=[Kind.COMPLAINT])
    submit(other_org, "เรื่องของอีกหน่วยงาน")

    shown = list(board.board_cases(org=org, policy=policy))

    assert set(shown) == {complaint, request}
    for case in Case.objects.for_org(org):
        assert follow_through.is_on_board(case, policy) == (case in shown)


def test_a_policy_forced_to_name_secret_kinds_still_shows_none(org, policy, corruption_service):
    # A row written around the model's validation must not open the secret kinds.
    CasePolicy.objects.filter(pk=policy.pk).update(board_kinds=[Kind.CORRUPTION, Kind.BUDGET])
    policy.refresh_from_db()
    submit(org, "ทุจริต", service=corruption_service)
    services.submit_case(org=org, channel="staff", kind=Kind.BUDGET, subject="งบประมาณ")
    assert not board.board_cases(org=org, policy=policy).exists()


def test_board_case_finds_one_shown_case_or_none(org, other_org, policy):
    case = submit(org, "ไฟดับ")
    hidden = submit(org, "ซ่อน")
    Case.objects.filter(pk=hidden.pk).update(board_hidden=True)
    theirs = submit(other_org, "ของอีกหน่วยงาน")
    assert board.board_case(org=org, pk=case.pk) == case
    assert board.board_case(org=org, pk=hidden.pk) is None
    assert board.board_case(org=org, pk=theirs.pk) is None


def test_filters_by_status_village_and_category(org, policy, road_service, officer):
    light = ServiceFactory(org=org, code="light", name="ไฟฟ้า", kind=Service.Kind.COMPLAINT)
    road = submit(org, "ถนน", service=road_service, village_no=6)
    lamp = submit(org, "ไฟ", service=light, village_no=3)
    done = submit(org, "ไฟซ่อมแล้ว", service=light, village_no=6)
    resolve(done, officer)

    def shown(**filters):
        return set(board.board_cases(org=org, policy=policy, **filters))

    assert shown(status=board.OPEN) == {road, lamp}
    assert shown(status=board.RESOLVED) == {done}
    assert shown(status=board.ALL) == {road, lamp, done}
    assert shown(village=6) == {road, done}
    assert shown(category="light") == {lamp, done}
    assert shown(status=board.OPEN, village=6, category="road") == {road}
    assert set(board.categories(org=org, policy=policy)) == {light, road_service}


def test_villages_by_name_where_the_org_keeps_them(org, policy):
    Village.objects.create(org=org, number=6, name="บ้านสามโคก")
    for village in (6, 6, 12, None):
        submit(org, "เรื่อง", village_no=village)
    names = board.village_names(org=org, policy=policy)
    assert names == {6: "ม.6 บ้านสามโคก", 12: "ม.12"}

    counts = board.counts_by_village(board.board_cases(org=org, policy=policy), names)
    assert [(c.number, c.name, c.count) for c in counts] == [
        (6, "ม.6 บ้านสามโคก", 2),
        (12, "ม.12", 1),
        (None, "ไม่ระบุหมู่", 1),
    ]


def test_summary_is_over_the_boards_kinds_of_the_last_12_months(org, policy, officer):
    today = timezone.localdate()
    start = datetime.combine(today - timedelta(days=30), datetime.min.time(), tzinfo=BANGKOK)
    for days in (2, 4):
        case = submit(org, "แก้แล้ว", received_at=start)
        resolve(case, officer, at=start + timedelta(days=days))
    submit(org, "ยังไม่แก้", received_at=start)
    old = submit(org, "ปีก่อน", received_at=start - timedelta(days=400))
    resolve(old, officer, at=old.received_at + timedelta(days=90))
    opinion = submit(org, "ความเห็น", kind=Kind.OPINION, received_at=start)
    resolve(opinion, officer, at=start + timedelta(days=60))

    result = board.summary(org=org, policy=policy, shown=7, today=today)

    assert result.shown == 7
    assert (result.start, result.end) == (today - timedelta(days=364), today)
    assert result.figures.received == 3
    assert result.figures.resolution_rate == Decimal("66.7")
    assert result.figures.median_resolve_days == Decimal("3.0")


def test_plot_places_located_cases_inside_the_frame_north_up(org, policy):
    north = submit(org, "เหนือ", latitude=Decimal("14.64"), longitude=Decimal("103.36"))
    south = submit(org, "ใต้", latitude=Decimal("14.60"), longitude=Decimal("103.38"))
    submit(org, "ไม่มีพิกัด")

    result = board.plot(board.board_cases(org=org, policy=policy), width=600, height=400)

    points = {point.case: point for point in result.points}
    assert set(points) == {north, south}
    assert points[north].y < points[south].y and points[north].x < points[south].x
    for point in result.points:
        assert 20 <= point.x <= 580 and 20 <= point.y <= 380
    # The tallest side fills the frame: north at the top margin, south at the bottom.
    assert (points[north].y, points[south].y) == (20, 380)


def test_a_single_point_is_centred(org, policy):
    one = submit(org, "จุดเดียว", latitude=Decimal("14.62"), longitude=Decimal("103.36"))
    [point] = board.plot([one], width=600, height=400).points
    assert (point.x, point.y) == (300, 200)


def test_timeline_tells_steps_without_anyones_words(org, policy, road_service, officer):
    case = submit(org, "ถนนเป็นหลุม", service=road_service, text="ข้อความของผู้แจ้ง")
    services.assign_case(case=case, assignee=officer, actor=officer)
    services.reply_publicly(case=case, actor=officer, text="เรียนคุณสมชาย")
    resolve(case, officer)
    follow_through.reopen_case(case=case, reason="ยังไม่ได้ซ่อมจริง", via="web")

    steps = board.timeline(case)

    kinds = [step.kind for step in steps]
    assert kinds[0] == CaseEvent.Kind.CREATED and kinds[-1] == CaseEvent.Kind.REOPENED
    assert CaseEvent.Kind.CLOSED in kinds and CaseEvent.Kind.PUBLIC_REPLY not in kinds
    texts = [step.text for step in steps if step.text]
    assert texts == ["ซ่อมแล้ว"]

    case.refresh_from_db()
    resolve(case, officer)
    follow_through.confirm_fix(case=case, via="web")
    assert board.timeline(case)[-1].kind == CaseEvent.Kind.CONFIRMED


# -- the pages ---------------------------------------------------------------------------


def test_no_board_kinds_no_board(client, org):
    case = submit(org, "ไฟดับ")
    assert client.get(board_url(org)).status_code == 404
    CasePolicy.objects.create(org=org, board_kinds=[])
    assert client.get(board_url(org)).status_code == 404
    assert client.get(board_url(org, case.pk)).status_code == 404


def test_the_pages_show_no_personal_data(client, org, policy, road_service, officer):
    case = submit(
        org,
        "ถนนหน้าวัดเป็นหลุม",
        service=road_service,
        text="รายละเอียดส่วนตัวของผู้แจ้ง",
        reporter_name="สมหญิง ใจงาม",
        reporter_phone="081-234-5678",
        reporter_email="somying@example.com",
        consent=True,
        form_data={"house": "บ้านเลขที่ 99"},
        village_no=6,
        files=[photo("citizen.jpg")],
    )
    citizen_photo = case.attachments.get()
    secrets = [
        "สมหญิง",
        "081-234-5678",
        "somying@example.com",
        "รายละเอียดส่วนตัวของผู้แจ้ง",
        "บ้านเลขที่ 99",
        case.tracking_code,
        f"{case.tracking_code[:4]}-{case.tracking_code[4:]}",
        f"/photos/{citizen_photo.pk}/",
    ]
    for url in (board_url(org), board_url(org, case.pk)):
        page = client.get(url).content.decode()
        assert "ถนนหน้าวัดเป็นหลุม" in page
        assert [secret for secret in secrets if secret in page] == []


def test_the_list_shows_figures_filters_map_and_villages(client, org, policy, road_service):
    Village.objects.create(org=org, number=6, name="บ้านสามโคก")
    submit(
        org,
        "ถนนหมู่หก",
        service=road_service,
        village_no=6,
        latitude=Decimal("14.62"),
        longitude=Decimal("103.36"),
    )
    submit(org, "ถนนหมู่สาม", service=road_service, village_no=3)

    page = client.get(board_url(org)).content.decode()

    assert "ถนนหมู่หก" in page and "ถนนหมู่สาม" in page
    assert page.count('class="board-map__point') == 1
    assert "<title>ถนนหมู่หก" in page
    assert "ม.6 บ้านสามโคก" in page and "ม.3" in page
    assert "board.css" in page and "style=" not in page

    filtered = client.get(board_url(org), {"village": "6"}).content.decode()
    assert "ถนนหมู่หก" in filtered and "ถนนหมู่สาม" not in filtered


def test_unknown_filter_values_are_ignored(client, org, policy):
    submit(org, "ไฟดับ", village_no=2)
    response = client.get(
        board_url(org),
        {"status": "secret", "village": "๒\x00", "category": "<script>", "page": "-1"},
    )
    assert response.status_code == 200
    assert "ไฟดับ" in response.content.decode()


def test_resolved_matters_show_their_proof_photos_only(client, org, policy, road_service, officer):
    case = submit(org, "ถนนเป็นหลุม", service=road_service, files=[photo("citizen.jpg")])
    services.reply_publicly(case=case, actor=officer, text="รับทราบ", files=[photo("reply.jpg")])
    resolve(case, officer)
    before = case.attachments.get(role=Attachment.Role.BEFORE)
    after = case.attachments.get(role=Attachment.Role.AFTER)
    others = case.attachments.filter(role=Attachment.Role.NONE)
    assert others.count() == 2  # the citizen's photo, and one staff showed the reporter

    listing = client.get(board_url(org)).content.decode()
    assert board_url(org, case.pk, "photos", after.pk) in listing
    assert board_url(org, case.pk, "photos", before.pk) not in listing
    detail = client.get(board_url(org, case.pk)).content.decode()
    assert board_url(org, case.pk, "photos", before.pk) in detail
    assert board_url(org, case.pk, "photos", after.pk) in detail

    served = client.get(board_url(org, case.pk, "photos", after.pk))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["Content-Security-Policy"] == "sandbox; default-src 'none'"
    for other in others:
        assert client.get(board_url(org, case.pk, "photos", other.pk)).status_code == 404
        assert board_url(org, case.pk, "photos", other.pk) not in detail


def test_another_orgs_case_and_photo_are_not_found(client, org, other_org, policy, officer):
    CasePolicy.objects.create(org=other_org, board_kinds=[Kind.COMPLAINT])
    theirs = submit(other_org, "ของอีกหน่วยงาน")
    assert client.get(board_url(org, theirs.pk)).status_code == 404
    assert client.get(board_url(other_org, theirs.pk)).status_code == 200
    assert client.post(board_url(org, theirs.pk, "me-too")).status_code == 404
    assert theirs.me_toos.count() == 0


# -- me too --------------------------------------------------------------------------------


def test_me_too_counts_once_per_person(client, org, policy):
    case = submit(org, "น้ำไม่ไหล")
    url = board_url(org, case.pk, "me-too")

    first = client.post(url, {"text": ""}, HTTP_USER_AGENT="phone-a", follow=True)
    again = client.post(url, {"text": ""}, HTTP_USER_AGENT="phone-a", follow=True)
    other = client.post(url, {}, HTTP_USER_AGENT="phone-b")

    assert "ขอบคุณ บันทึกแล้ว" in first.content.decode()
    assert "ท่านแจ้งเรื่องนี้ไว้แล้ว" in again.content.decode()
    assert first.redirect_chain == [(board_url(org, case.pk), 302)]
    assert other.status_code == 302
    case.refresh_from_db()
    assert case.me_too_count == 2 and MeToo.objects.filter(case=case).count() == 2


def test_me_too_with_words_and_a_photo_reaches_staff_only(client, org, policy):
    case = submit(org, "น้ำไม่ไหล")
    response = client.post(
        board_url(org, case.pk, "me-too"),
        {"text": "บ้านผมก็ไม่ไหลครับ", "photos": [photo("mine.jpg")]},
    )
    assert response.status_code == 302
    event = case.events.get(kind=CaseEvent.Kind.ME_TOO)
    assert event.text == "บ้านผมก็ไม่ไหลครับ" and not event.is_public
    assert event.attachments.get().is_public is False
    page = client.get(board_url(org, case.pk)).content.decode()
    assert "บ้านผมก็ไม่ไหลครับ" not in page
    assert 'class="board-me-too-count">1<' in page


def test_me_too_refuses_a_file_that_is_not_a_photo_and_saves_nothing(client, org, policy):
    case = submit(org, "น้ำไม่ไหล")
    fake = SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(board_url(org, case.pk, "me-too"), {"photos": [fake]})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.me_too_count == 0 and not case.events.filter(kind="me_too").exists()


def test_me_too_is_rate_limited(client, org, policy, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "me_too": (2, 600)}
    case = submit(org, "น้ำไม่ไหล")
    url = board_url(org, case.pk, "me-too")
    for agent in ("a", "b"):
        assert client.post(url, {}, HTTP_USER_AGENT=agent).status_code == 302

    refused = client.post(url, {}, HTTP_USER_AGENT="c")

    assert refused.status_code == 429 and "Retry-After" in refused
    assert "ส่งบ่อยเกินกำหนด" in refused.content.decode()
    case.refresh_from_db()
    assert case.me_too_count == 2


def test_a_closed_matter_takes_no_me_too(client, org, policy, officer):
    case = submit(org, "น้ำไม่ไหล")
    resolve(case, officer)
    page = client.get(board_url(org, case.pk)).content.decode()
    assert "ฉันพบปัญหานี้ด้วย" not in page

    response = client.post(board_url(org, case.pk, "me-too"), {}, follow=True)

    assert "รับการแจ้งเพิ่มไม่ได้" in response.content.decode()
    case.refresh_from_db()
    assert case.me_too_count == 0 and not MeToo.objects.exists()


def test_me_too_asks_for_post(client, org, policy):
    case = submit(org, "น้ำไม่ไหล")
    assert client.get(board_url(org, case.pk, "me-too")).status_code == 405


# -- the policy page ------------------------------------------------------------------------


def policy_data(**extra):
    return {
        "confirm_days": "10",
        "first_response_days": "1",
        "executive_after_days": "5",
        "board_kinds": ["complaint", "opinion"],
        **extra,
    }


def test_the_policy_page_is_for_org_admins(client, org, make_member, other_org, bob):
    url = f"/{org.slug}/staff/follow-through/"
    assert client.get(url).status_code == 302  # to the login page
    officer = make_member(org, Membership.Role.OFFICER, "officer").user
    client.force_login(officer)
    assert client.get(url).status_code == 403
    assert client.post(url, policy_data()).status_code == 403
    client.force_login(bob)  # another org's admin
    assert client.get(url).status_code == 403
    assert not CasePolicy.objects.filter(org=org).exists()


def test_an_admin_sets_the_policy_and_it_is_audited(client, org, alice):
    client.force_login(alice)
    url = f"/{org.slug}/staff/follow-through/"
    assert client.get(url).status_code == 200

    response = client.post(url, policy_data(), follow=True)

    assert "บันทึกเกณฑ์การติดตามเรื่องแล้ว" in response.content.decode()
    saved = CasePolicy.objects.get(org=org)
    assert (saved.confirm_days, saved.first_response_days, saved.executive_after_days) == (10, 1, 5)
    assert saved.board_kinds == ["complaint", "opinion"]
    event = AuditEvent.objects.get(action="case_policy_saved")
    assert event.actor == alice and event.org == org
    assert event.detail["changed"]["confirm_days"] == [14, 10]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("confirm_days", "0"),
        ("confirm_days", "91"),
        ("first_response_days", "x"),
        ("executive_after_days", ""),
    ],
)
def test_bad_numbers_are_refused(client, org, alice, field, value):
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/follow-through/", policy_data(**{field: value}))
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not CasePolicy.objects.filter(org=org).exists()


def test_corruption_complaints_can_never_be_opened_to_the_board(client, org, alice, policy):
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/follow-through/", policy_data(board_kinds=["complaint", "corruption"])
    )
    assert "เรื่องประเภทนี้แสดงต่อสาธารณะไม่ได้" in response.content.decode()
    policy.refresh_from_db()
    assert policy.board_kinds == ["complaint", "request"]
    with pytest.raises(ValidationError) as error:
        save_policy(org=org, actor=alice, board_kinds=["budget"])
    assert "board_kinds" in error.value.message_dict
    policy.refresh_from_db()
    assert policy.board_kinds == ["complaint", "request"]
    assert not AuditEvent.objects.filter(action="case_policy_saved").exists()


def test_save_policy_keeps_each_kind_once_in_order(org, alice):
    saved = save_policy(org=org, actor=alice, board_kinds=["question", "complaint", "question"])
    assert saved.board_kinds == ["complaint", "question"]
    assert saved.confirm_days == 14  # untouched fields keep the defaults


def test_the_home_page_links_the_board_once_it_is_open(client, org, alice):
    assert board_url(org) not in client.get(f"/{org.slug}/").content.decode()
    save_policy(org=org, actor=alice, board_kinds=["complaint"])
    assert board_url(org) in client.get(f"/{org.slug}/").content.decode()
