import csv
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cspmonitor.partnership.models import Partnership
from cspmonitor.reviews.duties import exports, services

FORMATS = ("ics", "csv")


class Command(BaseCommand):
    help = (
        "Write a partnership's statutory calendar (this financial year and the next, with any review "
        "deadline still open) to standard output as iCalendar or CSV. Leaves out OFFICIAL-SENSITIVE "
        "review deadlines unless --include-restricted is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--format", dest="file_format", required=True, help="ics or csv.")
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="Include OFFICIAL-SENSITIVE review deadlines, for a file that stays with cleared people.",
        )
        parser.add_argument("--today", help="Work the statuses out as on this date (YYYY-MM-DD).")

    def handle(self, *args, partnership, file_format, include_restricted=False, today=None, **options):
        if file_format not in FORMATS:
            raise CommandError(f"Unknown format {file_format!r}: use ics or csv.")
        try:
            chosen = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist:
            raise CommandError(f"There is no partnership with the slug {partnership!r}.") from None
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-04-01, not {today!r}.") from None

        clearance = services.EVERYTHING if include_restricted else services.OFFICIAL_ONLY
        items = services.obligations_for(chosen, clearance, day)
        if file_format == "ics":
            self.stdout.write(exports.ics(chosen, items).decode("utf-8"), ending="")
        else:
            csv.writer(self.stdout, lineterminator="\n").writerows(exports.csv_rows(items))
