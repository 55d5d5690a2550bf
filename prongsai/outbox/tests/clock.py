"""Time passing for the outbox, without waiting for it."""

from django.db.models import F

from prongsai.outbox import services
from prongsai.outbox.models import Message


def sweep_later() -> int:
    """Run the sweep as it runs once every pending message's time has come (the grace
    period, a retry delay or the lease of an attempt that died); how many were delivered."""
    Message.objects.pending().update(due_at=F("created_at"))
    return services.sweep()
