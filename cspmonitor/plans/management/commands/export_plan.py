from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cspmonitor.accounts.models import Classification
from cspmonitor.partnership.models import Partnership
from cspmonitor.periods import FinancialYear, PeriodError
from cspmonitor.plans.exports import tables, write_csv


class Command(BaseCommand):
    help = (
        "Write a partnership's plan and its monitoring for a financial year as CSV files, one per "
        "table: priorities, objectives, actions, quarterly updates and each kind of output. "
        "Includes OFFICIAL-SENSITIVE outputs unless --official-only is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--year", required=True, help="Financial year, like 2022-23.")
        parser.add_argument(
            "--out", required=True, type=Path, help="The folder to write the CSV files to (made if missing)."
        )
        parser.add_argument(
            "--official-only",
            action="store_true",
            help="Leave out OFFICIAL-SENSITIVE outputs, for files that will be shared more widely.",
        )

    def handle(self, *args, partnership, year, out, official_only=False, **options):
        try:
            financial_year = FinancialYear.parse(year)
            chosen = Partnership.objects.get(slug=partnership)
        except PeriodError as error:
            raise CommandError(str(error)) from error
        except Partnership.DoesNotExist:
            raise CommandError(f"There is no partnership with the slug {partnership!r}.") from None

        # The command is run by the server's administrator, who may see everything.
        classifications = [Classification.OFFICIAL] if official_only else list(Classification.values)
        out.mkdir(parents=True, exist_ok=True)
        for table in tables(chosen, financial_year, classifications):
            path = out / table.filename()
            with path.open("w", encoding="utf-8", newline="") as file:
                count = write_csv(table, file)
            self.stdout.write(f"Wrote {path} ({count} {'row' if count == 1 else 'rows'})")
