"""The bot's side of a LINE conversation: file a complaint or a question, follow a case.

A complaint takes a few steps, like Traffy Fondue: the category (quick reply),
what happened (text), then photos and the place, which are added to the case
that is filed as soon as the reporter has said what happened, so nothing they
sent is lost if they stop half-way.

When a matter is resolved, its reporter confirms the fix or reopens it with a
reason (and photos), by the buttons of the push or by typing the word and the code.
"""

from datetime import UTC, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from linebot.v3.webhooks import (
    Event,
    FollowEvent,
    ImageMessageContent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    TextMessageContent,
)

from prongsai.eservices.models import Service
from prongsai.inbox import follow_through
from prongsai.inbox import selectors as cases
from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case
from prongsai.inbox.tracking import display, is_well_formed, normalize
from prongsai.messaging.line import client
from prongsai.messaging.line.models import LineAccount, LineReport, LineUser
from prongsai.messaging.text import storable
from prongsai.orgs.hosts import absolute_url

REPORT_WORDS = {"แจ้งเรื่อง", "ร้องเรียน", "แจ้งปัญหา", "ร้องทุกข์"}
QUESTION_WORDS = {"ถามคำถาม", "สอบถาม", "ถาม"}
TRACK_WORD = "ติดตาม"
CANCEL_WORD = "ยกเลิก"
DONE_WORD = "เสร็จ"
# The reporter's decision on a resolved matter: postback "confirm=<code>", or typed "ยืนยัน <code>".
CONFIRM, REOPEN = "confirm", "reopen"
DECISION_WORDS = {"ยืนยัน": CONFIRM, "เปิดใหม่": REOPEN}
MICRODEGREE = Decimal("0.000001")  # what a case stores: about 10 cm


def event_time(event: Event) -> datetime:
    return datetime.fromtimestamp(event.timestamp / 1000, tz=UTC)


def menu() -> list[dict]:
    return [
        {"label": _("แจ้งเรื่อง"), "text": "แจ้งเรื่อง"},
        {"label": _("ถามคำถาม"), "text": "ถามคำถาม"},
        {"label": _("ติดตามเรื่อง"), "text": TRACK_WORD},
    ]


def help_reply(account: LineAccount) -> dict:
    return {
        "text": _(
            "สวัสดีครับ นี่คือช่องทางติดต่อ%(org)s\n"
            "• พิมพ์ “แจ้งเรื่อง” เพื่อร้องเรียนหรือแจ้งปัญหา\n"
            "• พิมพ์ “ถามคำถาม” เพื่อสอบถาม\n"
            "• พิมพ์ “ติดตาม” ตามด้วยรหัสติดตาม เพื่อดูความคืบหน้า\n"
            "• เรื่องที่แจ้งว่าแก้ไขแล้ว พิมพ์ “ยืนยัน” ตามด้วยรหัสติดตาม หากแก้ไขแล้วจริง "
            "หรือ “เปิดใหม่” ตามด้วยรหัสติดตาม หากยังไม่ได้แก้ไข"
        )
        % {"org": account.org.name_th},
        "quick_replies": menu(),
    }


def tracking_url(case: Case) -> str:
    return absolute_url(reverse("org:track", args=[case.org.slug, case.tracking_code]))


def handle(account: LineAccount, user: LineUser, event: Event) -> list[dict]:
    """Answer one event, changing the user's step and filing cases as needed."""
    if isinstance(event, FollowEvent):
        return [help_reply(account)]
    if isinstance(event, PostbackEvent):
        action, _sep, value = storable(event.postback.data).partition("=")
        if action == "service" and user.step == "category":
            return _choose_category(account, user, value, event)
        if action in (CONFIRM, REOPEN):
            return [_decide(account, user, action, value, event)]
        return [help_reply(account)]
    if not isinstance(event, MessageEvent):
        return []
    message = event.message
    if isinstance(message, TextMessageContent):
        return _text(account, user, storable(message.text).strip(), event)
    if isinstance(message, ImageMessageContent):
        return _image(account, user, message.id, event)
    if isinstance(message, LocationMessageContent):
        return _location(account, user, message, event)
    return [help_reply(account)]


def _text(account: LineAccount, user: LineUser, text: str, event: Event) -> list[dict]:
    if not text:
        # Only spaces: nothing to file, whatever the step.
        return [{"text": _("กรุณาพิมพ์ข้อความ"), "quick_replies": menu()}]
    if text == CANCEL_WORD:
        _reset(user)
        return [{"text": _("ยกเลิกแล้ว"), "quick_replies": menu()}]
    if text == TRACK_WORD or text.startswith(TRACK_WORD + " "):
        return [_track(account, user, text.removeprefix(TRACK_WORD).strip())]
    if decision := _typed_decision(text):
        return [_decide(account, user, *decision, event)]
    if text in REPORT_WORDS:
        return [_ask_category(account, user, event)]
    if text in QUESTION_WORDS:
        user.step, user.draft = "question", {"started_at": event_time(event).isoformat()}
        user.save()
        return [{"text": _("พิมพ์คำถามของท่านได้เลยครับ"), "quick_replies": _cancel()}]
    if user.step == "category":
        return _choose_category(account, user, text, event)
    if user.step == "details":
        return [_file_complaint(account, user, text, event)]
    if user.step == "question":
        return [_file_question(account, user, text, event)]
    if user.step == "reopen":
        return [_reopen(account, user, text, event)]
    if user.step == "adding":
        if text == DONE_WORD:
            _reset(user)
            return [
                {"text": _("ขอบคุณครับ เจ้าหน้าที่จะแจ้งความคืบหน้าทาง LINE นี้"), "quick_replies": menu()}
            ]
        case = _draft_case(account, user)
        if case is not None:
            inbox.add_reporter_update(case=case, text=text, at=event_time(event))
            return [_adding_prompt(_("เพิ่มข้อความในเรื่องแล้ว"))]
    return [help_reply(account)]


def _cancel() -> list[dict]:
    return [{"label": _("ยกเลิก"), "text": CANCEL_WORD}]


def _reset(user: LineUser) -> None:
    user.step, user.draft = "idle", {}
    user.save()


def _categories(account: LineAccount):
    return Service.objects.for_org(account.org).filter(is_active=True, kind=Service.Kind.COMPLAINT)


def _ask_category(account: LineAccount, user: LineUser, event: Event) -> dict:
    user.step, user.draft = "category", {"started_at": event_time(event).isoformat()}
    user.save()
    items = [{"label": s.name, "data": f"service={s.code}"} for s in _categories(account)[:12]]
    return {"text": _("เลือกหมวดของเรื่องที่ต้องการแจ้งครับ"), "quick_replies": items + _cancel()}


def _choose_category(account: LineAccount, user: LineUser, choice: str, event: Event) -> list[dict]:
    categories = _categories(account)
    service = categories.filter(code=choice).first() or categories.filter(name=choice).first()
    if service is None:
        return [_ask_category(account, user, event)]
    user.step = "details"
    user.draft = {**user.draft, "service": service.code}
    user.save()
    return [
        {
            "text": _("%(name)s: เล่ารายละเอียดของปัญหา และบอกหมู่บ้านหรือจุดสังเกตด้วยครับ")
            % {"name": service.name},
            "quick_replies": _cancel(),
        }
    ]


def _started_at(user: LineUser, event: Event) -> datetime:
    started = user.draft.get("started_at")
    return datetime.fromisoformat(started) if started else event_time(event)


def _file(account, user, event, **fields) -> Case:
    case = inbox.submit_case(
        org=account.org,
        channel=Case.Channel.LINE,
        received_at=_started_at(user, event),
        idempotency_key=f"line-{event.webhook_event_id}",
        **fields,
    )
    LineReport.objects.get_or_create(case=case, defaults={"line_user": user})
    return case


def _subject(prefix: str, text: str) -> str:
    first_line = text.splitlines()[0] if text else ""
    return f"{prefix}: {first_line}"[:200] if prefix else first_line[:200]


def _file_complaint(account: LineAccount, user: LineUser, text: str, event: Event) -> dict:
    service = _categories(account).filter(code=user.draft.get("service")).first()
    if service is None:
        return _ask_category(account, user, event)
    case = _file(
        account, user, event, service=service, subject=_subject(service.name, text), text=text
    )
    user.step, user.draft = "adding", {"case": case.tracking_code}
    user.save()
    return _adding_prompt(
        _("รับเรื่องแล้วครับ รหัสติดตาม %(code)s\nส่งรูปถ่ายหรือตำแหน่งที่เกิดเหตุเพิ่มได้เลย แล้วกด “เสร็จ”")
        % {"code": display(case.tracking_code)}
    )


def _adding_prompt(text: str) -> dict:
    return {
        "text": text,
        "quick_replies": [
            {"label": _("ส่งตำแหน่ง"), "location": True},
            {"label": _("เสร็จ"), "text": DONE_WORD},
        ],
    }


def _file_question(account: LineAccount, user: LineUser, text: str, event: Event) -> dict:
    case = _file(
        account, user, event, kind=Case.Kind.QUESTION, subject=_subject("", text), text=text
    )
    _reset(user)
    return {
        "text": _("รับคำถามแล้วครับ รหัสติดตาม %(code)s เจ้าหน้าที่จะตอบทาง LINE นี้")
        % {"code": display(case.tracking_code)},
        "quick_replies": menu(),
    }


def _draft_case(account: LineAccount, user: LineUser) -> Case | None:
    return cases.get_case(org=account.org, code=user.draft.get("case", ""))


def _image(account: LineAccount, user: LineUser, message_id: str, event: Event) -> list[dict]:
    if user.step == "reopen":
        return [{"text": _("กรุณาพิมพ์เหตุผลก่อน แล้วจึงส่งรูปครับ"), "quick_replies": _cancel()}]
    case = _draft_case(account, user) if user.step == "adding" else None
    if case is None:
        return [
            {"text": _("ส่งรูปได้หลังจากแจ้งเรื่องแล้วครับ พิมพ์ “แจ้งเรื่อง” เพื่อเริ่ม"), "quick_replies": menu()}
        ]
    photo = SimpleUploadedFile(
        f"line-{message_id}.jpg", client.message_content(account, message_id)
    )
    try:
        inbox.add_reporter_update(case=case, files=[photo], at=event_time(event))
    except ValidationError as error:
        return [_adding_prompt(" ".join(error.messages))]
    return [_adding_prompt(_("ได้รับรูปแล้วครับ"))]


def _location(
    account: LineAccount, user: LineUser, message: LocationMessageContent, event
) -> list[dict]:
    case = _draft_case(account, user) if user.step == "adding" else None
    if case is None:
        return [help_reply(account)]
    inbox.add_reporter_update(
        case=case,
        text=storable(message.address or ""),
        latitude=Decimal(str(message.latitude)).quantize(MICRODEGREE),
        longitude=Decimal(str(message.longitude)).quantize(MICRODEGREE),
        at=event_time(event),
    )
    return [_adding_prompt(_("ได้รับตำแหน่งแล้วครับ"))]


def _track(account: LineAccount, user: LineUser, code: str) -> dict:
    if code:
        case = cases.get_case(org=account.org, code=code)
        if case is None or case.is_staff_only:  # staff matters are as good as absent
            return {"text": _("ไม่พบเรื่องที่มีรหัส %(code)s") % {"code": code}, "quick_replies": menu()}
        return {"text": status_text(case), "quick_replies": menu()}
    reports = (
        LineReport.objects.filter(line_user=user)
        .select_related("case")
        .order_by("-case__received_at")[:5]
    )
    if not reports:
        return {
            "text": _("ยังไม่มีเรื่องที่แจ้งทาง LINE นี้ พิมพ์ “ติดตาม” ตามด้วยรหัสติดตามได้"),
            "quick_replies": menu(),
        }
    return {"text": "\n\n".join(status_text(r.case) for r in reports), "quick_replies": menu()}


def status_text(case: Case) -> str:
    subject = _("เรื่องร้องเรียนการทุจริต") if case.is_confidential else case.subject
    return _("%(code)s %(subject)s\nสถานะ: %(status)s\n%(url)s") % {
        "code": display(case.tracking_code),
        "subject": subject,
        "status": case.get_status_display(),
        "url": tracking_url(case),
    }


def decision_choices(case: Case) -> list[dict]:
    """The buttons under a resolved matter's push: the fix holds, or it does not."""
    return [
        {"label": _("ยืนยันว่าแก้ไขแล้ว"), "data": f"{CONFIRM}={case.tracking_code}"},
        {"label": _("ยังไม่แก้ไข"), "data": f"{REOPEN}={case.tracking_code}"},
    ]


def _typed_decision(text: str) -> tuple[str, str] | None:
    for word, action in DECISION_WORDS.items():
        code = text.removeprefix(word)
        # Only a word followed by a code: a question that starts with it is still a question.
        if code != text and is_well_formed(normalize(code)):
            return action, code
    return None


def _own_case(account: LineAccount, user: LineUser, code: str) -> Case | None:
    """The case `code` names if this LINE user filed it; anyone else's is as good as absent."""
    case = cases.get_case(org=account.org, code=code)
    if case is None or not LineReport.objects.filter(case=case, line_user=user).exists():
        return None
    return case


def _not_yours(code: str) -> dict:
    return {
        "text": _("ไม่พบเรื่องรหัส %(code)s ที่แจ้งทาง LINE นี้") % {"code": code.strip()},
        "quick_replies": menu(),
    }


def _too_late(case: Case) -> dict:
    return {
        "text": _(
            "เรื่อง %(code)s ยืนยันหรือขอเปิดใหม่ไม่ได้แล้ว เพราะตัดสินไปแล้วหรือเกินกำหนด "
            "หากยังพบปัญหา พิมพ์ “แจ้งเรื่อง” เพื่อแจ้งใหม่"
        )
        % {"code": display(case.tracking_code)},
        "quick_replies": menu(),
    }


def _decide(account: LineAccount, user: LineUser, action: str, code: str, event: Event) -> dict:
    case = _own_case(account, user, code)
    if case is None:
        return _not_yours(code)
    at = event_time(event)
    if not follow_through.can_decide(case, follow_through.policy_for(case.org), now=at):
        return _too_late(case)
    if action == REOPEN:
        # The reason comes in the next message; nothing changes until it does.
        user.step, user.draft = "reopen", {"case": case.tracking_code}
        user.save()
        return {
            "text": _("เรื่อง %(code)s ยังไม่ได้แก้ไขอย่างไร พิมพ์เล่าให้เจ้าหน้าที่ทราบครับ")
            % {"code": display(case.tracking_code)},
            "quick_replies": _cancel(),
        }
    try:
        follow_through.confirm_fix(case=case, via="line", at=at)
    except ValidationError:  # decided by another message a moment before
        return _too_late(case)
    return {
        "text": _("ขอบคุณที่ยืนยันครับ เรื่อง %(code)s แก้ไขเรียบร้อยแล้ว")
        % {"code": display(case.tracking_code)},
        "quick_replies": menu(),
    }


def _reopen(account: LineAccount, user: LineUser, reason: str, event: Event) -> dict:
    code = user.draft.get("case", "")
    case = _own_case(account, user, code)
    if case is None:
        _reset(user)
        return _not_yours(code)
    try:
        follow_through.reopen_case(case=case, reason=reason, via="line", at=event_time(event))
    except ValidationError:
        _reset(user)
        return _too_late(case)
    # Photos of what is still wrong go to the case like any addition of the reporter.
    user.step, user.draft = "adding", {"case": case.tracking_code}
    user.save()
    return _adding_prompt(
        _(
            "เปิดเรื่อง %(code)s ใหม่แล้วครับ เจ้าหน้าที่จะดำเนินการต่อ\n"
            "ส่งรูปถ่ายที่แสดงว่ายังไม่ได้แก้ไขเพิ่มได้เลย แล้วกด “เสร็จ”"
        )
        % {"code": display(case.tracking_code)}
    )
