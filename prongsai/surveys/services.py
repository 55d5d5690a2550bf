"""Answering surveys, and counting how often public pages and posters are opened."""

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Organization
from prongsai.surveys.models import LIKERT_MAX, Answer, OpenCount, Question, Response, Survey

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 5000
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}", re.ASCII)
_QUESTION_FIELD = re.compile(r"q(\d+)", re.ASCII)


def _values(data, name: str) -> list[str]:
    """Posted values of one field, from a QueryDict or, in tests and the API, a plain dict."""
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name, [])
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _clean_answers(questions: list[Question], data) -> tuple[dict, list[Answer]]:
    """Turn posted values into unsaved Answers, with a message per question that is wrong."""
    errors: dict[str, str] = {}
    answers: list[Answer] = []
    known = {q.field_name for q in questions}
    forged = sorted(k for k in data if _QUESTION_FIELD.fullmatch(k) and k not in known)
    if forged:
        errors["__all__"] = _("แบบสำรวจนี้ไม่มีคำถามที่ส่งมา กรุณาโหลดหน้าใหม่แล้วตอบอีกครั้ง")
    for question in questions:
        values = [v.strip() for v in _values(data, question.field_name) if v.strip()]
        name = question.field_name
        if not values:
            if question.required:
                errors[name] = _("กรุณาตอบข้อนี้")
            continue
        if question.kind == Question.Kind.LIKERT:
            value = values[0]
            score = int(value) if len(values) == 1 and value.isascii() and value.isdigit() else 0
            if not 1 <= score <= LIKERT_MAX:
                errors[name] = _("กรุณาเลือกระดับ ๑ ถึง ๕")
                continue
            answers.append(Answer(question=question, score=score))
        elif question.kind in Question.CHOICE_KINDS:
            choices = {str(c.pk): c for c in question.choices.all()}
            if question.kind == Question.Kind.SINGLE and len(values) > 1:
                errors[name] = _("ข้อนี้เลือกได้ข้อเดียว")
                continue
            if any(v not in choices for v in values):
                errors[name] = _("ตัวเลือกที่ส่งมาไม่มีในคำถามนี้")
                continue
            answers.extend(
                Answer(question=question, choice=choices[v]) for v in dict.fromkeys(values)
            )
        else:
            text = values[0]
            limit = SHORT_TEXT_MAX if question.kind == Question.Kind.SHORT else LONG_TEXT_MAX
            if len(values) > 1 or len(text) > limit:
                errors[name] = _("คำตอบยาวเกิน %(limit)s ตัวอักษร") % {"limit": limit}
                continue
            if "\x00" in text:
                # PostgreSQL cannot store it, and no keyboard types it.
                errors[name] = _("ข้อความมีอักขระที่ระบบรับไม่ได้")
                continue
            answers.append(Answer(question=question, text=text))
    return errors, answers


def _clean_contact(survey: Survey, contact: Mapping[str, str], consent: bool) -> tuple[dict, dict]:
    errors: dict[str, str] = {}
    cleaned = {
        "contact_name": contact.get("name", "").strip()[:200],
        "contact_phone": contact.get("phone", "").strip()[:30],
        "contact_email": contact.get("email", "").strip(),
    }
    if not survey.asks_contact:
        return errors, dict.fromkeys(cleaned, "")
    if any("\x00" in value for value in cleaned.values()):
        errors["__all__"] = _("ข้อความมีอักขระที่ระบบรับไม่ได้")
    if cleaned["contact_email"]:
        try:
            validate_email(cleaned["contact_email"])
        except ValidationError:
            errors["email"] = _("รูปแบบอีเมลไม่ถูกต้อง")
    if any(cleaned.values()) and not consent:
        errors["consent"] = _("กรุณายินยอมให้ใช้ข้อมูลติดต่อ หรือเว้นว่างข้อมูลติดต่อไว้")
    return errors, cleaned


def submit_response(
    *,
    survey: Survey,
    data,
    token: str,
    contact: Mapping[str, str] | None = None,
    consent: bool = False,
    case=None,
    at: datetime | None = None,
) -> Response:
    """Store one filled-in survey, all of it or nothing, and return it.

    `data` maps each question's field name ("q<id>") to its posted values.
    A form posted again with the same `token` (a double tap, a retry after a
    lost connection) returns the response the first post stored.
    """
    if not TOKEN.fullmatch(token or ""):
        raise ValidationError(_("แบบฟอร์มไม่สมบูรณ์ กรุณาโหลดหน้าใหม่แล้วตอบอีกครั้ง"))
    existing = Response.objects.filter(survey=survey, token=token).first()
    if existing is not None:
        return existing
    if not survey.is_accepting(at):
        raise ValidationError(_("แบบสำรวจนี้ปิดรับคำตอบแล้ว"), code="closed")
    if case is not None and Response.objects.filter(survey=survey, case=case).exists():
        raise ValidationError(_("ท่านประเมินความพึงพอใจของเรื่องนี้แล้ว ขอบคุณค่ะ"), code="done")

    questions = list(survey.questions.prefetch_related("choices"))
    errors, answers = _clean_answers(questions, data)
    contact_errors, contact_fields = _clean_contact(survey, contact or {}, consent)
    errors |= contact_errors
    if errors:
        raise ValidationError(errors)

    scores = [a.score for a in answers if a.score is not None]
    response = Response(
        survey=survey,
        submitted_at=at or timezone.now(),
        score=(Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.001")) if scores else None,
        case=case,
        consent_at=timezone.now() if any(contact_fields.values()) else None,
        token=token,
        **contact_fields,
    )
    try:
        with transaction.atomic():
            response.save()
            for answer in answers:
                answer.response = response
            Answer.objects.bulk_create(answers)
    except IntegrityError:
        # The same form posted twice at once: the other request stored it.
        existing = Response.objects.filter(survey=survey, token=token).first()
        if existing is None:
            raise
        return existing
    return response


def count_open(*, org: Organization, key: str, day: date | None = None) -> None:
    """Add one to today's count of `key` (a page or poster), without knowing who opened it."""
    day = day or timezone.localdate()
    updated = OpenCount.objects.filter(org=org, key=key, day=day).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            OpenCount.objects.create(org=org, key=key, day=day, count=1)
    except IntegrityError:
        OpenCount.objects.filter(org=org, key=key, day=day).update(count=F("count") + 1)
