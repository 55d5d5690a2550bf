from django.core.management.base import BaseCommand

from prongsai.outbox import services
from prongsai.outbox.models import Message


class Command(BaseCommand):
    help = (
        "Send the owed messages that are due (e-mail, LINE, Messenger): every minute from "
        "cron on the embedded default; with a broker, beat does it."
    )

    def handle(self, *args, **options):
        sent = services.sweep()
        if options["verbosity"] > 0:
            pending = Message.objects.pending().count()
            failed = Message.objects.filter(failed_at__isnull=False).count()
            self.stdout.write(f"sent {sent}, still pending {pending}, given up {failed}")
