"""Budget questions and budget proposals of the org's own staff: writes and reads.

A budget question is a Case (kind "budget", channel "staff"), filed and answered
through the inbox services so that its timeline, statistics and reports stay
right; no public page shows it. An anonymous question leaves nothing that leads
back to its author: no actor on the timeline, no reporter name, no audit row,
and only the day (not the time) it was asked.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from prongsai import thai
from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case, CaseEvent
from prongsai.integrity.models import BudgetProposal
from prongsai.orgs import audit
from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.models import (
    AuditEvent,
    Division,
    Membership,
    Organization,
    validate_fiscal_year,
)

Role = Membership.Role

# The "budget officer": who answers budget questions.
ANSWERER_ROLES = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
# Who is told about (and sees highlighted) questions left unanswered too long.
OVERSEER_ROLES = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
# Who sees every division's proposals and the totals.
PROPOSAL_READERS = (Role.ADMIN, Role.EXECUTIVE)
# Who consolidates the proposals of their own division (admins: of every division).
DIVISION_HEAD_ROLES = (Role.ADMIN, Role.OFFICER)

DEFAULT_TIME_LIMIT_DAYS = 15
# Timeline steps that carry an answer: replies, and the result given on closing.
ANSWER_EVENTS = (CaseEvent.Kind.PUBLIC_REPLY, CaseEvent.Kind.CLOSED)
ITEM_MAX_LENGTH = 180
TEXT_MAX_LENGTH = 5000
# A budget of up to 12 digits before the point, as BudgetProposal.amount holds.
AMOUNT_MAX = Decimal("999999999999.99")


class Intent(models.TextChoices):
    """What the staff member wants to do about a spending item."""

    QUESTION = "question", _("ถาม")
    COMMENT = "comment", _("แสดงความคิดเห็น")
    OBJECTION = "objection", _("ทักท้วง")


# Budget questions ---------------------------------------------------------------------


def time_limit_days() -> int:
    """Days within which a budget question should be answered (setting or 15)."""
    return int(getattr(settings, "BUDGET_QUESTION_TIME_LIMIT_DAYS", DEFAULT_TIME_LIMIT_DAYS))


def can_answer(membership: Membership | None) -> bool:
    return membership is not None and membership.role in ANSWERER_ROLES


def sees_overdue(membership: Membership | None) -> bool:
    return membership is not None and membership.role in OVERSEER_ROLES


def finance_division(*, org: Organization) -> Division | None:
    """The org's finance division (กองคลัง, ส่วนการคลัง …), where budget questions go."""
    return Division.objects.for_org(org).filter(name__contains="คลัง").order_by("order").first()


def _active_member(org: Organization, user) -> Membership | None:
    if user is None or not getattr(user, "is_active", False):
        return None
    return Membership.objects.for_org(org).filter(user=user, is_active=True).first()


def _start_of_day(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    return datetime.combine(local.date(), time.min, tzinfo=local.tzinfo)


@transaction.atomic
def ask_budget_question(
    *,
    org: Organization,
    author,
    intent: str,
    item: str,
    text: str,
    anonymous: bool = False,
    received_at: datetime | None = None,
    idempotency_key: str | None = None,
) -> Case:
    """File a staff member's question, comment or objection about a spending item.

    `author` must be an active member of `org`; it is checked and then, when
    `anonymous`, forgotten: the case, its timeline and the audit log hold nothing
    of them, and the time asked is kept to the day so that it cannot be matched
    with the author's other steps in the audit log.
    """
    errors: dict[str, str] = {}
    if _active_member(org, author) is None:
        raise PermissionDenied(_("เฉพาะบุคลากรของหน่วยงานเท่านั้นที่ส่งคำถามเรื่องงบประมาณได้"))
    if intent not in Intent.values:
        errors["intent"] = _("กรุณาเลือกว่าต้องการถาม แสดงความคิดเห็น หรือทักท้วง")
    item = (item or "").strip()
    if not item:
        errors["item"] = _("กรุณาระบุรายการงบประมาณหรือโครงการ")
    elif len(item) > ITEM_MAX_LENGTH:
        errors["item"] = _("รายการงบประมาณหรือโครงการยาวเกิน %(n)s ตัวอักษร") % {"n": ITEM_MAX_LENGTH}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("กรุณาพิมพ์ข้อความ")
    elif len(text) > TEXT_MAX_LENGTH:
        errors["text"] = _("ข้อความยาวเกิน %(n)s ตัวอักษร") % {"n": TEXT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)

    received_at = received_at or timezone.now()
    if anonymous:
        received_at = _start_of_day(received_at)
    with translation.override("th"):
        # Stored data is in the org's language, whatever the asker's page was in.
        subject = f"{Intent(intent).label}: {item}"
    case = inbox.submit_case(
        org=org,
        channel=Case.Channel.STAFF,
        kind=Case.Kind.BUDGET,
        subject=subject,
        text=text,
        form_data={"intent": intent, "item": item},
        division=finance_division(org=org),
        received_at=received_at,
        reporter_name="" if anonymous else _display_name(author),
        idempotency_key=idempotency_key,
        # No actor for an anonymous question: submit_case then writes no audit row
        # and leaves the timeline's first step without a name.
        actor=None if anonymous else author,
    )
    due_at = case.received_at + timedelta(days=time_limit_days())
    if case.due_at != due_at and case.is_open:
        case.due_at = due_at
        case.save(update_fields=["due_at"])
    if anonymous:
        # The row's own timestamps would otherwise keep the exact minute.
        Case.objects.filter(pk=case.pk).update(created_at=received_at, updated_at=received_at)
    return case


def _display_name(user) -> str:
    return (user.get_full_name() or user.get_username())[:200]


@transaction.atomic
def answer_budget_question(
    *, case: Case, actor, text: str, close: bool = False, request=None
) -> Case:
    """The budget officer's answer, shown to every staff member of the org.

    With `close`, the answer is the case's result and the question is closed as
    resolved; otherwise it is a reply and the question stays open (in progress).
    """
    if not case.is_staff_only:
        raise ValidationError(_("เรื่องนี้ไม่ใช่คำถามเรื่องงบประมาณของบุคลากร"))
    if not can_answer(_active_member(case.org, actor)):
        raise PermissionDenied(_("เฉพาะผู้บริหารและเจ้าหน้าที่ผู้รับผิดชอบเท่านั้นที่ตอบคำถามได้"))
    if not case.is_open:
        raise ValidationError(_("คำถามนี้ปิดแล้ว ไม่สามารถตอบเพิ่มได้"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("กรุณาพิมพ์คำตอบ")})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError({"text": _("คำตอบยาวเกิน %(n)s ตัวอักษร") % {"n": TEXT_MAX_LENGTH}})
    if close:
        return inbox.close_case(
            case=case, status=Case.Status.RESOLVED, resolution=text, actor=actor, request=request
        )
    inbox.reply_publicly(case=case, actor=actor, text=text, request=request)
    if case.status == Case.Status.RECEIVED:
        inbox.change_status(case=case, status=Case.Status.IN_PROGRESS, actor=actor, request=request)
    return case


def budget_questions(*, org: Organization, status: str = "") -> QuerySet[Case]:
    """The org's budget questions, newest first; `status` "open" or "closed" narrows them."""
    cases = (
        Case.objects.for_org(org)
        .filter(kind=Case.Kind.BUDGET)
        .select_related("division")
        .annotate(
            n_answers=Count(
                "events",
                filter=Q(events__kind__in=ANSWER_EVENTS, events__is_public=True)
                & ~Q(events__text=""),
            )
        )
        # A grouped query drops the model's ordering: say it again.
        .order_by("-received_at", "-id")
    )
    if status == "open":
        cases = cases.filter(status__in=Case.OPEN_STATUSES)
    elif status == "closed":
        cases = cases.filter(status__in=Case.CLOSED_STATUSES)
    return cases


def get_budget_question(*, org: Organization, code: str) -> Case | None:
    """A budget question of the org by its tracking code, or None."""
    return (
        Case.objects.for_org(org)
        .with_code(code)
        .filter(kind=Case.Kind.BUDGET)
        .select_related("division")
        .first()
    )


def answers(*, case: Case) -> QuerySet[CaseEvent]:
    """The answers given to a question, oldest first: replies and the closing result."""
    return (
        case.events.filter(kind__in=ANSWER_EVENTS, is_public=True)
        .exclude(text="")
        .select_related("actor")
    )


def intent_of(case: Case) -> str:
    """The Thai name of what the question is (ถาม/แสดงความคิดเห็น/ทักท้วง), "" if unknown."""
    value = (case.form_data or {}).get("intent", "")
    return Intent(value).label if value in Intent.values else ""


def item_of(case: Case) -> str:
    return (case.form_data or {}).get("item", "") or case.subject


def author_name(case: Case) -> str:
    """The name the author gave; "" for an anonymous question."""
    return case.reporter_name


def overdue_questions(*, org: Organization, now: datetime | None = None) -> QuerySet[Case]:
    """Open budget questions past their time limit, oldest first."""
    return (
        budget_questions(org=org, status="open")
        .filter(due_at__lt=now or timezone.now())
        .order_by("due_at", "id")
    )


def executives(*, org: Organization) -> QuerySet[Membership]:
    """Active members who are the org's executives, by role or by position."""
    return (
        Membership.objects.for_org(org)
        .filter(is_active=True, user__is_active=True)
        .filter(Q(role=Role.EXECUTIVE) | Q(position__is_executive=True))
        .select_related("user")
    )


FLAGGED_ACTION = "budget_overdue_flagged"


def flag_overdue_questions(
    *, org: Organization, now: datetime | None = None, force: bool = False
) -> int:
    """E-mail the org's executives the budget questions left unanswered past the limit.

    Once a day per org (the audit log keeps the day; `force` sends again); no
    mail when nothing is overdue or no executive has an address. Returns the
    number of overdue questions mailed about.
    """
    now = now or timezone.now()
    overdue = list(overdue_questions(org=org, now=now))
    if not overdue:
        return 0
    start_of_day = _start_of_day(now)
    already = AuditEvent.objects.filter(
        org=org, action=FLAGGED_ACTION, created_at__gte=start_of_day
    ).exists()
    if already and not force:
        return 0
    recipients = sorted({m.user.email for m in executives(org=org) if m.user.email})
    if not recipients:
        return 0
    with translation.override("th"):
        context = {
            "org": org,
            "rows": [
                {
                    "case": case,
                    "intent": intent_of(case),
                    "item": item_of(case),
                    "received_on": timezone.localtime(case.received_at).date(),
                    "due_on": timezone.localtime(case.due_at).date(),
                    "days_late": (now - case.due_at).days,
                    "url": absolute_url(
                        reverse("org:budget_question", args=[org.slug, case.tracking_code])
                    ),
                }
                for case in overdue
            ],
            "time_limit": time_limit_days(),
            "list_url": absolute_url(reverse("org:budget_questions", args=[org.slug])),
        }
        subject = render_to_string("integrity/budget/email/overdue_subject.txt", context)
        body = render_to_string("integrity/budget/email/overdue_body.txt", context)
    # Executives of one org know each other: one mail to all of them.
    EmailMessage(" ".join(subject.split()), body, to=recipients).send()
    audit.record(
        action=FLAGGED_ACTION,
        org=org,
        detail={"day": start_of_day.date().isoformat(), "questions": len(overdue)},
    )
    return len(overdue)


# Budget proposals ---------------------------------------------------------------------


def next_fiscal_year() -> int:
    return thai.fiscal_year(timezone.localdate()) + 1


def proposal_years() -> list[int]:
    """Fiscal years a proposal may be made for from a form: this one and the next."""
    current = thai.fiscal_year(timezone.localdate())
    return [current + 1, current]


def parse_amount(value: object) -> Decimal:
    """An estimated amount in baht: "1,500,000", "๑๕๐๐๐", 2500.50 → Decimal, or ValidationError."""
    if isinstance(value, Decimal):
        amount = value
    else:
        raw = thai.to_arabic_digits(str(value if value is not None else "")).strip()
        raw = raw.replace(",", "").replace(" ", "").removesuffix("บาท")
        if not raw:
            raise ValidationError({"amount": _("กรุณาระบุประมาณการเป็นจำนวนเงิน (บาท)")})
        try:
            amount = Decimal(raw)
        except InvalidOperation:
            raise ValidationError(
                {"amount": _("ประมาณการต้องเป็นตัวเลข เช่น 150000 หรือ 150,000.50")}
            ) from None
    if not amount.is_finite():
        raise ValidationError({"amount": _("ประมาณการต้องเป็นตัวเลข เช่น 150000 หรือ 150,000.50")})
    if amount < 0:
        raise ValidationError({"amount": _("ประมาณการต้องไม่ติดลบ")})
    if amount > AMOUNT_MAX:
        raise ValidationError({"amount": _("ประมาณการสูงเกินไป ตรวจสอบจำนวนเงินอีกครั้ง")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({"amount": _("ระบุสตางค์ได้ไม่เกิน 2 ตำแหน่ง")})
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def propose(
    *,
    org: Organization,
    author,
    item: str,
    reason: str,
    amount: Decimal | str | int,
    fiscal_year: int | None = None,
    division: Division | None = None,
    request=None,
) -> BudgetProposal:
    """A staff member proposes an item for a fiscal year's budget (default: next year).

    The division defaults to the author's own; one of another org is refused.
    """
    membership = _active_member(org, author)
    if membership is None:
        raise PermissionDenied(_("เฉพาะบุคลากรของหน่วยงานเท่านั้นที่เสนอตั้งงบประมาณได้"))
    errors: dict[str, object] = {}
    fiscal_year = fiscal_year or next_fiscal_year()
    try:
        validate_fiscal_year(fiscal_year)
    except ValidationError as error:
        errors["fiscal_year"] = error.messages[0]
    division = division or membership.division
    if division is None:
        errors["division"] = _("กรุณาเลือกสำนัก/กองที่เสนอ")
    elif division.org_id != org.pk:
        errors["division"] = _("ต้องเป็นสำนัก/กองของหน่วยงานเดียวกัน")
    item, reason = (item or "").strip(), (reason or "").strip()
    if not item:
        errors["item"] = _("กรุณาระบุรายการที่เสนอ")
    elif len(item) > 300:
        errors["item"] = _("รายการยาวเกิน 300 ตัวอักษร")
    if not reason:
        errors["reason"] = _("กรุณาระบุเหตุผลความจำเป็น")
    try:
        amount = parse_amount(amount)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    proposal = BudgetProposal.objects.create(
        org=org,
        fiscal_year=fiscal_year,
        division=division,
        author=author,
        item=item,
        reason=reason,
        amount=amount,
    )
    audit.record(
        action="budget_proposed",
        request=request,
        actor=author,
        org=org,
        target=proposal,
        detail={"fiscal_year": fiscal_year, "amount": str(amount)},
    )
    return proposal


def can_consolidate(membership: Membership | None, division: Division | None) -> bool:
    """Division heads (admin/officer of that division) and the org's admins."""
    if membership is None:
        return False
    if membership.role == Role.ADMIN:
        return True
    return (
        membership.role in DIVISION_HEAD_ROLES
        and division is not None
        and membership.division_id == division.pk
    )


@transaction.atomic
def decide_proposal(
    *, proposal: BudgetProposal, actor, accept: bool, note: str = "", request=None
) -> BudgetProposal:
    """The division head takes a proposal into the division's budget request, or not.

    A decision may be changed later; declining needs a note saying why.
    """
    if not can_consolidate(_active_member(proposal.org, actor), proposal.division):
        raise PermissionDenied(_("เฉพาะหัวหน้าส่วนราชการของสำนัก/กองนี้หรือผู้ดูแลระบบเท่านั้น"))
    note = (note or "").strip()
    if not accept and not note:
        raise ValidationError({"note": _("กรุณาระบุเหตุผลที่ไม่นำเข้าคำของบประมาณ")})
    proposal.status = BudgetProposal.Status.ACCEPTED if accept else BudgetProposal.Status.DECLINED
    proposal.head_note = note
    proposal.save(update_fields=["status", "head_note"])
    audit.record(
        action="budget_proposal_accepted" if accept else "budget_proposal_declined",
        request=request,
        actor=actor,
        org=proposal.org,
        target=proposal,
    )
    return proposal


def visible_proposals(
    *, org: Organization, fiscal_year: int, membership: Membership
) -> QuerySet[BudgetProposal]:
    """The proposals of a fiscal year a member may see.

    Admins and executives see all; others their own division's and their own.
    """
    proposals = (
        BudgetProposal.objects.for_org(org)
        .filter(fiscal_year=fiscal_year)
        .select_related("division", "author")
        .order_by("division__order", "division__name", "created_at", "id")
    )
    if membership.role in PROPOSAL_READERS:
        return proposals
    mine = Q(author=membership.user)
    if membership.division_id:
        mine |= Q(division_id=membership.division_id)
    return proposals.filter(mine)


@dataclass(frozen=True)
class DivisionTotal:
    division: Division
    count: int
    amount: Decimal
    accepted: Decimal


@dataclass(frozen=True)
class ProposalTotals:
    fiscal_year: int
    divisions: tuple[DivisionTotal, ...]

    @property
    def count(self) -> int:
        return sum(d.count for d in self.divisions)

    @property
    def amount(self) -> Decimal:
        return sum((d.amount for d in self.divisions), Decimal(0))

    @property
    def accepted(self) -> Decimal:
        return sum((d.accepted for d in self.divisions), Decimal(0))


def proposal_totals(
    *, org: Organization, fiscal_year: int, proposals: Iterable[BudgetProposal] | None = None
) -> ProposalTotals:
    """Number and amount of proposals per division of a fiscal year, and of accepted ones.

    Declined proposals count in the number but not in the amounts: the amount is
    what the divisions still ask for. `proposals` narrows to those given.
    """
    rows = BudgetProposal.objects.for_org(org).filter(fiscal_year=fiscal_year)
    if proposals is not None:
        rows = rows.filter(pk__in=[p.pk for p in proposals])
    not_declined = ~Q(status=BudgetProposal.Status.DECLINED)
    grouped = (
        rows.values("division")
        .annotate(
            n=Count("id"),
            asked=Sum("amount", filter=not_declined),
            accepted=Sum("amount", filter=Q(status=BudgetProposal.Status.ACCEPTED)),
        )
        .order_by()
    )
    by_division = {row["division"]: row for row in grouped}
    divisions = Division.objects.for_org(org).filter(pk__in=by_division)
    return ProposalTotals(
        fiscal_year,
        tuple(
            DivisionTotal(
                division,
                by_division[division.pk]["n"],
                by_division[division.pk]["asked"] or Decimal(0),
                by_division[division.pk]["accepted"] or Decimal(0),
            )
            for division in divisions
        ),
    )


def get_proposal(*, org: Organization, pk: int) -> BudgetProposal | None:
    return BudgetProposal.objects.for_org(org).filter(pk=pk).select_related("division").first()
