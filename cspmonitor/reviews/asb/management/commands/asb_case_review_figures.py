from django.core.management.base import BaseCommand, CommandError

from cspmonitor.partnership.models import Partnership
from cspmonitor.periods import FinancialYear, PeriodError
from cspmonitor.reviews.asb.figures import FiguresTable, annual_figures, write_csv


class Command(BaseCommand):
    help = (
        "Write a partnership's four published ASB Case Review figures for a financial year "
        "(applications received, threshold not met, reviews carried out, reviews resulting in "
        "recommendations) as CSV to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--year", required=True, help="Financial year, like 2022-23.")

    def handle(self, *args, partnership, year, **options):
        try:
            financial_year = FinancialYear.parse(year)
            chosen = Partnership.objects.get(slug=partnership)
        except PeriodError as error:
            raise CommandError(str(error)) from error
        except Partnership.DoesNotExist:
            raise CommandError(f"There is no partnership with the slug {partnership!r}.") from None
        write_csv(FiguresTable(chosen, annual_figures(chosen, financial_year)), self.stdout)
