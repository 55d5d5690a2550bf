from celery import shared_task

from prongsai.outbox import services


@shared_task
def send(message_id: int) -> None:
    """Deliver one owed message (failures are recorded on its row and retried by the sweep)."""
    services.send(message_id)


@shared_task
def sweep() -> None:
    """Retry the owed messages that are due; beat runs it every minute."""
    services.sweep()
