"""The audit log: the one function every app calls to record who did what."""

from typing import Any

from axes.helpers import get_client_ip_address, get_client_user_agent
from django.db import models
from django.http import HttpRequest

from prongsai.orgs.models import AuditEvent, Organization

# Thai names of the recorded actions, for the staff pages; an unknown action shows as is.
ACTION_LABELS: dict[str, str] = {
    "login": "เข้าสู่ระบบ",
    "logout": "ออกจากระบบ",
    "login_failed": "เข้าสู่ระบบไม่สำเร็จ",
    "lockout": "ถูกระงับการเข้าสู่ระบบชั่วคราว",
    "password_changed": "เปลี่ยนรหัสผ่าน",
    "otp_enabled": "เปิดการยืนยันตัวตนสองขั้นตอน",
    "otp_disabled": "ปิดการยืนยันตัวตนสองขั้นตอน",
    "otp_verified": "ยืนยันรหัสขั้นที่สอง",
    "otp_failed": "รหัสขั้นที่สองไม่ถูกต้อง",
    "admin_add": "เพิ่มข้อมูลผ่านหน้าผู้ดูแลระบบ",
    "admin_change": "แก้ไขข้อมูลผ่านหน้าผู้ดูแลระบบ",
    "admin_delete": "ลบข้อมูลผ่านหน้าผู้ดูแลระบบ",
}


def record(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: Any = None,
    org: Organization | None = None,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Actor, org and address default to those of the request.

    Call it inside the same transaction as the change it records, so that a
    change that rolls back leaves no trace claiming it happened.
    """
    if request is not None:
        user = getattr(request, "user", None)
        if actor is None and user is not None and user.is_authenticated:
            actor = user
        if org is None:
            org = getattr(request, "org", None)
    if org is None and target is not None:
        org = getattr(target, "org", None) if not isinstance(target, Organization) else target
    event = AuditEvent(
        org=org,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor.get_username() if actor is not None else "",
        action=action,
        detail=detail or {},
    )
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:200]
    if request is not None:
        event.ip_address = get_client_ip_address(request)
        event.user_agent = get_client_user_agent(request)[:300]
    event.save()
    return event
