import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cspmonitor.panels.reminders import send


class Command(BaseCommand):
    help = (
        "Email the people sitting on each panel for an organisation a reminder of that organisation's "
        "panel actions due within a week, and once more when overdue. Never sent twice; run it daily. "
        "The email names no case."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Send what is due as on this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}.") from None
        for line in send(day):
            self.stdout.write(line)
