"""Building surveys: the staff's writes to surveys, questions and choices.

Every function takes the org explicitly, checks that what it touches belongs to
it, does all of its work or none (one transaction) and writes the audit log in
that transaction. Once people have answered, what they answered stays: a
question's kind cannot change, and a question or choice that has answers cannot
be deleted; its wording can still be corrected.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.orgs import audit
from prongsai.orgs.models import Organization
from prongsai.surveys.models import Answer, Choice, Question, Survey

SURVEY_FIELDS = (
    "title",
    "intro",
    "formula",
    "division",
    "service",
    "project",
    "offer_on_close",
    "allow_repeat",
    "asks_contact",
    "closes_at",
)
MIN_CHOICES = 2
DIRECTIONS = ("up", "down")


def _own(org: Organization, survey: Survey) -> None:
    # Views fetch with get_for_org; this guards callers that do not (commands, the API).
    if survey.org_id != org.pk:
        raise ValidationError(_("แบบสำรวจนี้ไม่ใช่ของหน่วยงาน"))


def _own_question(org: Organization, question: Question) -> None:
    if question.survey.org_id != org.pk:
        raise ValidationError(_("คำถามนี้ไม่ใช่ของหน่วยงาน"))


def _set_fields(survey: Survey, fields: Mapping[str, Any]) -> list[str]:
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise ValueError(f"unknown survey fields {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(survey, name) != value]
    for name, value in fields.items():
        setattr(survey, name, value)
    return changed


@transaction.atomic
def create_survey(
    *,
    org: Organization,
    fields: Mapping[str, Any],
    actor=None,
    request: HttpRequest | None = None,
) -> Survey:
    """A new draft survey of the org, without questions yet."""
    survey = Survey(org=org, status=Survey.Status.DRAFT)
    _set_fields(survey, fields)
    survey.full_clean()
    survey.save()
    audit.record(action="survey_created", request=request, actor=actor, org=org, target=survey)
    return survey


@transaction.atomic
def update_survey(
    *,
    org: Organization,
    survey: Survey,
    fields: Mapping[str, Any],
    actor=None,
    request: HttpRequest | None = None,
) -> Survey:
    """Change a survey's settings (not its status or questions)."""
    _own(org, survey)
    # Compare with the stored row: a bound ModelForm has already changed `survey` itself.
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    changed = _set_fields(survey, fields)
    survey.full_clean()
    survey.save()
    audit.record(
        action="survey_changed",
        request=request,
        actor=actor,
        org=org,
        target=survey,
        detail={"fields": changed},
    )
    return survey


@transaction.atomic
def set_status(
    *,
    org: Organization,
    survey: Survey,
    status: str,
    actor=None,
    request: HttpRequest | None = None,
) -> Survey:
    """Open a survey for answers or close it; a survey without questions cannot open."""
    _own(org, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if status == Survey.Status.OPEN:
        if not survey.questions.exists():
            raise ValidationError(_("ยังเปิดแบบสำรวจไม่ได้ กรุณาเพิ่มคำถามอย่างน้อยหนึ่งข้อก่อน"))
        if survey.closes_at is not None and survey.closes_at <= timezone.now():
            raise ValidationError(_("วันปิดรับคำตอบผ่านไปแล้ว กรุณาแก้ไขวันปิดรับคำตอบก่อนเปิดแบบสำรวจ"))
        action = "survey_opened"
    elif status == Survey.Status.CLOSED:
        if survey.status != Survey.Status.OPEN:
            raise ValidationError(_("ปิดได้เฉพาะแบบสำรวจที่เปิดรับคำตอบอยู่"))
        action = "survey_closed"
    else:
        raise ValidationError(_("สถานะที่เลือกไม่ถูกต้อง"))
    if survey.status == status:
        return survey
    survey.status = status
    survey.save(update_fields=["status", "updated_at"])
    audit.record(action=action, request=request, actor=actor, org=org, target=survey)
    return survey


def clean_choice_labels(labels: Iterable[str]) -> list[str]:
    """Trimmed, non-empty labels; a label given twice is an error."""
    cleaned = [label.strip() for label in labels if label.strip()]
    too_long = [label for label in cleaned if len(label) > 300]
    if too_long:
        raise ValidationError(
            {
                "choices": _("ตัวเลือกยาวได้ไม่เกิน 300 ตัวอักษร: “%(label)s…”")
                % {"label": too_long[0][:30]}
            }
        )
    seen: set[str] = set()
    for label in cleaned:
        if label in seen:
            raise ValidationError({"choices": _("ตัวเลือก “%(label)s” ซ้ำกัน") % {"label": label}})
        seen.add(label)
    return cleaned


def _check_question(kind: str, text: str, labels: list[str]) -> None:
    if kind not in Question.Kind.values:
        raise ValidationError({"kind": _("ชนิดคำถามไม่ถูกต้อง")})
    if not text.strip():
        raise ValidationError({"text": _("กรุณาพิมพ์คำถาม")})
    if kind in Question.CHOICE_KINDS and len(labels) < MIN_CHOICES:
        raise ValidationError(
            {"choices": _("คำถามแบบเลือกตอบต้องมีตัวเลือกอย่างน้อย %(n)s ตัว") % {"n": MIN_CHOICES}}
        )


@transaction.atomic
def add_question(
    *,
    org: Organization,
    survey: Survey,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    choices: Iterable[str] = (),
    actor=None,
    request: HttpRequest | None = None,
) -> Question:
    """Append a question (and, for a choice question, its choices in the given order)."""
    _own(org, survey)
    labels = clean_choice_labels(choices) if kind in Question.CHOICE_KINDS else []
    _check_question(kind, text, labels)
    last = survey.questions.aggregate(last=Max("order"))["last"]
    question = Question(
        survey=survey,
        order=0 if last is None else last + 1,
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        required=required,
    )
    question.full_clean()
    question.save()
    Choice.objects.bulk_create(
        Choice(question=question, order=n, label=label) for n, label in enumerate(labels)
    )
    audit.record(
        action="survey_question_added",
        request=request,
        actor=actor,
        org=org,
        target=survey,
        detail={"question": question.pk, "text": question.text[:100], "kind": kind},
    )
    return question


def _plan_choices(
    existing: list[Choice], labels: list[str]
) -> tuple[list[tuple[Choice, str, int]], list[Choice], list[tuple[str, int]]]:
    """Match the new list of labels against the stored choices.

    A label that is unchanged keeps its choice (and its answers), wherever it
    moved. A stored choice and a new label left over on the same line are the
    same choice reworded. Whatever else is left is deleted or created.
    Returns (kept: choice, label, order), deleted choices, (created: label, order).
    """
    by_label = {choice.label: choice for choice in existing}
    kept: list[tuple[Choice, str, int]] = []
    matched: set[int] = set()
    leftover: dict[int, str] = {}
    for n, label in enumerate(labels):
        choice = by_label.get(label)
        if choice is not None:
            kept.append((choice, label, n))
            matched.add(choice.pk)
        else:
            leftover[n] = label
    created: list[tuple[str, int]] = []
    for n, label in leftover.items():
        same_line = existing[n] if n < len(existing) else None
        if same_line is not None and same_line.pk not in matched:
            kept.append((same_line, label, n))
            matched.add(same_line.pk)
        else:
            created.append((label, n))
    deleted = [choice for choice in existing if choice.pk not in matched]
    return kept, deleted, created


@transaction.atomic
def update_question(
    *,
    org: Organization,
    question: Question,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    choices: Iterable[str] = (),
    actor=None,
    request: HttpRequest | None = None,
) -> Question:
    """Change a question's wording, kind, or choices, keeping what has been answered."""
    _own_question(org, question)
    question = Question.objects.select_for_update().select_related("survey").get(pk=question.pk)
    labels = clean_choice_labels(choices) if kind in Question.CHOICE_KINDS else []
    _check_question(kind, text, labels)
    answered = question.answers.exists()
    if kind != question.kind and answered:
        raise ValidationError({"kind": _("คำถามนี้มีผู้ตอบแล้ว จึงเปลี่ยนชนิดคำถามไม่ได้ แก้ได้เฉพาะถ้อยคำ")})
    existing = list(question.choices.all())
    kept, deleted, created = _plan_choices(existing, labels)
    in_use = set(Answer.objects.filter(choice__in=deleted).values_list("choice__label", flat=True))
    if in_use:
        raise ValidationError(
            {
                "choices": _("ตัวเลือก “%(label)s” มีผู้เลือกแล้ว จึงลบไม่ได้ (แก้ถ้อยคำได้โดยพิมพ์ทับในบรรทัดเดิม)")
                % {"label": sorted(in_use)[0]}
            }
        )
    before = {"text": question.text, "kind": question.kind, "choices": [c.label for c in existing]}
    question.kind = kind
    question.text = text.strip()
    question.help_text = help_text.strip()
    question.required = required
    question.full_clean()
    question.save()
    Choice.objects.filter(pk__in=[c.pk for c in deleted]).delete()
    for choice, label, order in kept:
        if (choice.label, choice.order) != (label, order):
            choice.label, choice.order = label, order
            choice.save(update_fields=["label", "order"])
    Choice.objects.bulk_create(
        Choice(question=question, order=order, label=label) for label, order in created
    )
    audit.record(
        action="survey_question_changed",
        request=request,
        actor=actor,
        org=org,
        target=question.survey,
        detail={"question": question.pk, "before": before, "choices": labels},
    )
    return question


@transaction.atomic
def delete_question(
    *,
    org: Organization,
    question: Question,
    actor=None,
    request: HttpRequest | None = None,
) -> None:
    """Remove a question nobody has answered yet."""
    _own_question(org, question)
    if question.answers.exists():
        raise ValidationError(
            _("คำถาม “%(text)s” มีผู้ตอบแล้ว จึงลบไม่ได้ เพื่อให้ผลสำรวจที่เก็บไว้ครบถ้วน")
            % {"text": question.text}
        )
    survey = question.survey
    detail = {"question": question.pk, "text": question.text[:100]}
    question.delete()
    _renumber(survey, list(survey.questions.select_for_update()))
    audit.record(
        action="survey_question_deleted",
        request=request,
        actor=actor,
        org=org,
        target=survey,
        detail=detail,
    )


def _renumber(survey: Survey, questions: list[Question]) -> None:
    for n, question in enumerate(questions):
        if question.order != n:
            question.order = n
            question.save(update_fields=["order"])


@transaction.atomic
def move_question(
    *,
    org: Organization,
    question: Question,
    direction: str,
    actor=None,
    request: HttpRequest | None = None,
) -> None:
    """Swap a question with the one above or below it; at either end nothing moves."""
    _own_question(org, question)
    if direction not in DIRECTIONS:
        raise ValidationError(_("ทิศทางที่เลือกไม่ถูกต้อง"))
    survey = question.survey
    questions = list(survey.questions.select_for_update())
    index = next(n for n, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(questions):
        return
    questions[index], questions[other] = questions[other], questions[index]
    _renumber(survey, questions)
    audit.record(
        action="survey_question_moved",
        request=request,
        actor=actor,
        org=org,
        target=survey,
        detail={"question": question.pk, "direction": direction},
    )
