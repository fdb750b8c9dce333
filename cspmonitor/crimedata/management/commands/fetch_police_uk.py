import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cspmonitor.analysis.policeuk_archive import FetchError, fetch, month_range
from cspmonitor.crime.management.commands.import_police_uk import refuse_smaller
from cspmonitor.crime.services import coverage_lines, crime_store, run_import


class Command(BaseCommand):
    help = (
        "Download one force's street-level files for a range of months from the police.uk "
        "archive (POLICE_UK_ARCHIVE_URL), reading only those files, and import them. A month not "
        "yet published, a refused or interrupted download or a corrupt archive stops it with a "
        "message, and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", help="The police.uk force, such as suffolk.")
        parser.add_argument("--months", help="A month or a range, such as 2023-04..2024-03.")
        parser.add_argument(
            "--due",
            action="store_true",
            help="Instead: the monthly fetch, for every partnership that switched it on (run it from cron).",
        )
        parser.add_argument(
            "--replace-smaller",
            action="store_true",
            help="Let a file replace a stored month that has more rows (refused without it).",
        )

    def handle(self, *args, force=None, months=None, due=False, replace_smaller=False, **options):
        if due:
            from cspmonitor.crimedata.monthly import fetch_due

            for line in fetch_due():
                self.stdout.write(line)
            return
        if not force or not months:
            raise CommandError("Give --force and --months (or --due for the monthly fetch).")
        with tempfile.TemporaryDirectory() as work:
            try:
                wanted = month_range(months)
                fetched = fetch(settings.POLICE_UK_ARCHIVE_URL, force, wanted, Path(work) / "police-uk")
            except FetchError as error:
                raise CommandError(str(error)) from error
            self.stderr.write(
                f"Downloaded {fetched.bytes_downloaded:,} bytes for {len(fetched.files)} months."
            )
            if not replace_smaller:
                refuse_smaller([fetched.folder])
            record, summary = run_import([str(fetched.folder)])
        self.stdout.write(summary.describe())
        for month in summary.months:
            self.stdout.write(f"  {month.force} {month.month}: {month.action}, {month.rows:,} rows")
        for line in coverage_lines(crime_store(), {force}):
            self.stdout.write(line)
