"""Changes to an org's staff, made by its admins; each one is audit-logged."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from prongsai.orgs import audit
from prongsai.orgs.models import Division, Membership, Organization, Position


def temporary_password() -> str:
    """Readable enough to dictate over the phone, long enough not to be guessed."""
    return "-".join(secrets.token_hex(3) for _ in range(4))


@transaction.atomic
def add_member(
    *,
    org: Organization,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    division: Division | None,
    position: Position | None,
    actor,
    request=None,
) -> tuple[Membership, str | None]:
    """Give someone a place in the org; a new account gets a temporary password.

    An existing account (someone who works for two orgs) keeps its password,
    and None comes back instead of one.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        password = temporary_password()
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        user.set_password(password)
        user.full_clean()
        user.save()
    elif Membership.objects.for_org(org).filter(user=user).exists():
        raise ValidationError({"username": _("ผู้ใช้นี้เป็นบุคลากรของหน่วยงานอยู่แล้ว")})
    membership = Membership(org=org, user=user, role=role, division=division, position=position)
    membership.full_clean()
    membership.save()
    audit.record(action="member_added", request=request, actor=actor, org=org, target=membership)
    return membership, password


@transaction.atomic
def change_member(
    *,
    membership: Membership,
    role: str,
    division: Division | None,
    position: Position | None,
    is_active: bool,
    actor,
    request=None,
) -> Membership:
    """Change a member's role and place, or suspend them; an admin cannot lock themself out."""
    if membership.user_id == actor.pk and (role != Membership.Role.ADMIN or not is_active):
        raise ValidationError(_("ผู้ดูแลระบบเปลี่ยนบทบาทหรือระงับบัญชีของตนเองไม่ได้"))
    before = {"role": membership.role, "is_active": membership.is_active}
    membership.role, membership.division, membership.position = role, division, position
    membership.is_active = is_active
    membership.full_clean()
    membership.save()
    audit.record(
        action="member_changed",
        request=request,
        actor=actor,
        target=membership,
        detail={"before": before, "after": {"role": role, "is_active": is_active}},
    )
    return membership


@transaction.atomic
def reset_password(*, membership: Membership, actor, request=None) -> str:
    """A temporary password for a member who forgot theirs; their sessions end."""
    password = temporary_password()
    user = membership.user
    user.set_password(password)  # a new password hash ends every session of the user
    user.save(update_fields=["password"])
    audit.record(action="member_password_reset", request=request, actor=actor, target=membership)
    return password
