import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cspmonitor.reviews.duties.reminders import run


class Command(BaseCommand):
    help = (
        "Email each responsible officer a reminder of the statutory obligations falling due within "
        "their lead time, and once more of those overdue. A reminder is never sent twice; run it "
        "daily. Review deadlines go only to officers cleared to see them, and name no case."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", help="Only this partnership (its slug); every one by default.")
        parser.add_argument("--today", help="Send what is due as on this date (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; send and record nothing."
        )

    def handle(self, *args, partnership=None, today=None, dry_run=False, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}.") from None
        try:
            lines = run(day, partnership, dry_run=dry_run)
        except LookupError as error:
            raise CommandError(str(error)) from None
        for line in lines:
            self.stdout.write(line)
