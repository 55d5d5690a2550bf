"""Open311 API keys: issued and revoked by the org's admins, stored only as digests."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Open311Key
from prongsai.orgs import audit
from prongsai.orgs.models import Organization
from prongsai.orgs.tokens import digest

PREFIX_LENGTH = 8


def active_key(*, org: Organization, raw: str) -> Open311Key | None:
    """The org's unrevoked key whose digest matches `raw`; another org's key is no key.

    Looking the digest up is safe against timing: an attacker cannot steer the
    digest of what they send towards a stored one.
    """
    if not raw:
        return None
    return Open311Key.objects.for_org(org).filter(digest=digest(raw), revoked_at=None).first()


def org_keys(*, org: Organization) -> QuerySet[Open311Key]:
    return Open311Key.objects.for_org(org).select_related("created_by")


@transaction.atomic
def issue_key(
    *, org: Organization, name: str, actor, request: HttpRequest | None = None
) -> tuple[Open311Key, str]:
    """A new key for a client of the org; the raw key is returned here and never again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("กรุณาระบุชื่อผู้ใช้คีย์")})
    raw = secrets.token_urlsafe(32)
    key = Open311Key.objects.create(
        org=org, name=name, digest=digest(raw), prefix=raw[:PREFIX_LENGTH], created_by=actor
    )
    audit.record(action="open311_key_issued", request=request, actor=actor, org=org, target=key)
    return key, raw


@transaction.atomic
def revoke_key(*, key: Open311Key, actor, request: HttpRequest | None = None) -> Open311Key:
    """Stop a key from working at once; the row stays, so the audit trail still names it."""
    if key.revoked_at is not None:
        raise ValidationError(_("คีย์นี้ถูกยกเลิกไปแล้ว"))
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    audit.record(action="open311_key_revoked", request=request, actor=actor, target=key)
    return key


def store_known_key(*, org: Organization, name: str, raw: str) -> Open311Key:
    """Store a key whose value is already public, such as the demo's; idempotent."""
    key, _created = Open311Key.objects.update_or_create(
        digest=digest(raw),
        defaults={"org": org, "name": name, "prefix": raw[:PREFIX_LENGTH], "revoked_at": None},
    )
    return key
