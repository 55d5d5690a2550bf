"""Government property staff may borrow (IIT: การใช้ทรัพย์สินของราชการ): the register and loans.

Services write (atomic, audit-logged); selectors read. A loan holds its item for
every day from `starts_on` to `due_on` inclusive while it is requested or
approved, so two holding loans of one item never share a day: requests and
approvals lock the item's row before they look for a clash.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.integrity.models import Loan, PropertyItem
from prongsai.orgs import audit
from prongsai.orgs.models import Membership, Organization
from prongsai.thai import format_date_range

Role = Membership.Role
# Who keeps the register and decides on loans.
PROPERTY_MANAGERS = (Role.ADMIN, Role.OFFICER)
# Who sees overdue loans highlighted on the list, to follow them up.
OVERDUE_WATCHERS = (Role.ADMIN, Role.EXECUTIVE)

ITEM_FIELDS = ("code", "name", "description")


# Selectors


def lendable_items(*, org: Organization) -> QuerySet[PropertyItem]:
    """Items staff may ask to borrow now."""
    return PropertyItem.objects.for_org(org).filter(is_lendable=True)


def overlapping_loans(
    *, item: PropertyItem, starts_on: date, due_on: date, statuses=Loan.HOLDING, exclude=None
) -> QuerySet[Loan]:
    """Loans of `item` in `statuses` sharing at least one day (inclusive) with starts_on..due_on."""
    loans = Loan.objects.filter(
        item=item, status__in=statuses, starts_on__lte=due_on, due_on__gte=starts_on
    )
    if exclude is not None:
        loans = loans.exclude(pk=exclude.pk)
    return loans.select_related("borrower").order_by("starts_on")


def org_loans(*, org: Organization) -> QuerySet[Loan]:
    """Every loan of the org, the latest first, with what the lists show."""
    return (
        Loan.objects.for_org(org)
        .select_related("item", "borrower", "decided_by")
        .order_by("-starts_on", "-created_at")
    )


def loans_of(*, org: Organization, borrower) -> QuerySet[Loan]:
    """One staff member's own loans ("my loans")."""
    return org_loans(org=org).filter(borrower=borrower)


def overdue_loans(*, org: Organization, today: date | None = None) -> QuerySet[Loan]:
    """Approved loans not returned whose due day has passed, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        Loan.objects.for_org(org)
        .filter(status=Loan.Status.APPROVED, due_on__lt=today)
        .select_related("item", "borrower")
        .order_by("due_on", "starts_on")
    )


def borrower_name(user) -> str:
    return user.get_full_name() or user.get_username()


def loan_period(loan: Loan) -> str:
    return format_date_range(loan.starts_on, loan.due_on, thai_digits=False)


# Services


def _check_org(org: Organization, *objects) -> None:
    for obj in objects:
        if obj.org_id != org.pk:
            raise ValidationError(_("ไม่พบข้อมูลนี้ในหน่วยงาน"))


def _is_member(org: Organization, user) -> bool:
    return Membership.objects.for_org(org).filter(user=user, is_active=True).exists()


def _clash_error(item: PropertyItem, clash: Loan) -> ValidationError:
    return ValidationError(
        _(
            "%(item)s มีผู้ขอยืมหรือได้รับอนุมัติให้ยืมแล้วในช่วง %(period)s (%(borrower)s) "
            "กรุณาเลือกวันอื่นหรือรายการอื่น"
        ),
        params={
            "item": item.name,
            "period": loan_period(clash),
            "borrower": borrower_name(clash.borrower),
        },
        code="overlap",
    )


@transaction.atomic
def save_item(*, org: Organization, item: PropertyItem, actor, request=None) -> PropertyItem:
    """Add an item to the register or save changes to one."""
    if item.pk is None:
        item.org = org
    _check_org(org, item)
    item.full_clean()
    created = item.pk is None
    item.save()
    audit.record(
        action="property_item_created" if created else "property_item_changed",
        request=request,
        actor=actor,
        org=org,
        target=item,
    )
    return item


@transaction.atomic
def set_item_lendable(
    *, org: Organization, item: PropertyItem, lendable: bool, actor, request=None
) -> PropertyItem:
    """Retire an item from lending (its history stays) or put it back on the register.

    Loans already requested or approved are left to be decided and returned as usual.
    """
    _check_org(org, item)
    item = PropertyItem.objects.select_for_update().get(pk=item.pk)
    if item.is_lendable == lendable:
        return item
    item.is_lendable = lendable
    item.save(update_fields=["is_lendable"])
    audit.record(
        action="property_item_reinstated" if lendable else "property_item_retired",
        request=request,
        actor=actor,
        org=org,
        target=item,
    )
    return item


@transaction.atomic
def request_loan(
    *,
    org: Organization,
    item: PropertyItem,
    borrower,
    purpose: str,
    starts_on: date,
    due_on: date,
    today: date | None = None,
    request=None,
) -> Loan:
    """A staff member asks to borrow `item` from `starts_on` to `due_on` (both days included).

    Refused with a Thai message when the days are wrong, the item is not lendable
    or another requested or approved loan of the item holds one of those days.
    """
    today = today or timezone.localdate()
    _check_org(org, item)
    if not _is_member(org, borrower):
        raise ValidationError(_("ผู้ยืมต้องเป็นบุคลากรของหน่วยงาน"))
    purpose = (purpose or "").strip()
    errors = {}
    if not purpose:
        errors["purpose"] = _("กรุณาระบุว่ายืมไปใช้ในราชการเรื่องใด")
    if starts_on is None:
        errors["starts_on"] = _("กรุณาระบุวันที่ยืม")
    elif starts_on < today:
        errors["starts_on"] = _("วันที่ยืมต้องไม่เป็นวันที่ผ่านมาแล้ว")
    if due_on is None:
        errors["due_on"] = _("กรุณาระบุกำหนดคืน")
    elif starts_on is not None and due_on < starts_on:
        errors["due_on"] = _("กำหนดคืนต้องไม่ก่อนวันที่ยืม")
    if errors:
        raise ValidationError(errors)
    # Lock the item: requests for the same item are checked one at a time.
    item = PropertyItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_lendable:
        raise ValidationError({"item": _("รายการนี้งดให้ยืมแล้ว กรุณาเลือกรายการอื่น")})
    clash = overlapping_loans(item=item, starts_on=starts_on, due_on=due_on).first()
    if clash is not None:
        raise ValidationError({"starts_on": _clash_error(item, clash)})
    loan = Loan(
        org=org,
        item=item,
        borrower=borrower,
        purpose=purpose,
        starts_on=starts_on,
        due_on=due_on,
    )
    loan.full_clean()
    loan.save()
    audit.record(
        action="loan_requested",
        request=request,
        actor=borrower,
        org=org,
        target=loan,
        detail={"starts_on": starts_on.isoformat(), "due_on": due_on.isoformat()},
    )
    return loan


@transaction.atomic
def decide_loan(*, org: Organization, loan: Loan, approve: bool, actor, request=None) -> Loan:
    """Approve or reject a requested loan.

    Approval checks again that no other approved loan of the item shares a day
    and that the item is still lendable: the register may have changed since.
    """
    _check_org(org, loan)
    item = PropertyItem.objects.select_for_update().get(pk=loan.item_id)
    loan.refresh_from_db()
    if loan.status != Loan.Status.REQUESTED:
        raise ValidationError(_("คำขอยืมนี้ได้รับการพิจารณาแล้ว"))
    if approve:
        if not item.is_lendable:
            raise ValidationError(_("รายการนี้งดให้ยืมแล้ว อนุมัติไม่ได้"))
        clash = overlapping_loans(
            item=item,
            starts_on=loan.starts_on,
            due_on=loan.due_on,
            statuses=(Loan.Status.APPROVED,),
            exclude=loan,
        ).first()
        if clash is not None:
            raise _clash_error(item, clash)
    loan.status = Loan.Status.APPROVED if approve else Loan.Status.REJECTED
    loan.decided_by = actor
    loan.decided_at = timezone.now()
    loan.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        action="loan_approved" if approve else "loan_rejected",
        request=request,
        actor=actor,
        org=org,
        target=loan,
    )
    return loan


@transaction.atomic
def return_loan(
    *,
    org: Organization,
    loan: Loan,
    returned_on: date,
    actor,
    today: date | None = None,
    request=None,
) -> Loan:
    """Record that an approved loan's item came back on `returned_on` (early, on time or late)."""
    today = today or timezone.localdate()
    _check_org(org, loan)
    PropertyItem.objects.select_for_update().get(pk=loan.item_id)
    loan.refresh_from_db()
    if loan.status != Loan.Status.APPROVED:
        raise ValidationError(_("บันทึกการคืนได้เฉพาะรายการที่อนุมัติให้ยืมและยังไม่คืน"))
    if returned_on is None:
        raise ValidationError({"returned_on": _("กรุณาระบุวันที่คืน")})
    if returned_on > today:
        raise ValidationError({"returned_on": _("วันที่คืนต้องไม่เป็นวันในอนาคต")})
    if returned_on < loan.starts_on:
        raise ValidationError({"returned_on": _("วันที่คืนต้องไม่ก่อนวันที่ยืม")})
    loan.status = Loan.Status.RETURNED
    loan.returned_on = returned_on
    loan.save(update_fields=["status", "returned_on"])
    audit.record(
        action="loan_returned",
        request=request,
        actor=actor,
        org=org,
        target=loan,
        detail={
            "returned_on": returned_on.isoformat(),
            "days_late": max((returned_on - loan.due_on).days, 0),
        },
    )
    return loan
