"""An org's follow-through policy, as its admins set it."""

from collections.abc import Iterable

from django.db import transaction

from prongsai.inbox.models import CasePolicy
from prongsai.orgs import audit
from prongsai.orgs.models import Organization

EDITABLE = ("confirm_days", "first_response_days", "executive_after_days", "board_kinds")


@transaction.atomic
def save_policy(*, org: Organization, actor, request=None, **fields) -> CasePolicy:
    """Change the org's policy (any of EDITABLE); the first change creates its row.

    Refuses with a ValidationError, saving nothing, a number out of range or a
    kind that may never be public (corruption complaints, staff matters).
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not a case policy field: {', '.join(sorted(unknown))}")
    policy = CasePolicy.objects.select_for_update().filter(org=org).first() or CasePolicy(org=org)
    before = {name: getattr(policy, name) for name in EDITABLE}
    for name, value in fields.items():
        setattr(policy, name, value)
    if "board_kinds" in fields:
        policy.board_kinds = _ordered(fields["board_kinds"])
    policy.full_clean()
    policy.save()
    changed = {
        name: [before[name], getattr(policy, name)]
        for name in EDITABLE
        if before[name] != getattr(policy, name)
    }
    audit.record(
        action="case_policy_saved",
        request=request,
        actor=actor,
        org=org,
        target=policy,
        detail={"changed": changed},
    )
    return policy


def _ordered(kinds: Iterable[str]) -> list[str]:
    """Each kind once, public kinds in their usual order; any other stays to be refused."""
    kinds = set(kinds)
    allowed = [str(kind) for kind in CasePolicy.BOARD_KINDS if kind in kinds]
    return allowed + sorted(kinds - set(CasePolicy.BOARD_KINDS))
