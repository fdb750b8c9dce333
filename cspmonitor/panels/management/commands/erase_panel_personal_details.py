import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cspmonitor.panels.retention import erase_due


class Command(BaseCommand):
    help = (
        "Erase the personal details of every closed panel case whose panel's retention period has "
        "passed, keeping the anonymous figures, and log each erasure. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Erase what is due as on this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}.") from None
        for line in erase_due(day):
            self.stdout.write(line)
