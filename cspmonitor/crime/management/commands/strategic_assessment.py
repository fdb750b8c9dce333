from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cspmonitor.analysis.geography import ReferenceDataError
from cspmonitor.crime.assessment import AssessmentNotPossible, compute, write_outputs
from cspmonitor.crime.models import Assessment, financial_year_months
from cspmonitor.partnership.models import Partnership


class Command(BaseCommand):
    help = (
        "Compute the strategic assessment for a partnership and financial year from the crime "
        "store, keep the result, and with --out write assessment.json, charts and maps."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--year", required=True, help="Financial year, like 2022-23.")
        parser.add_argument("--out", type=Path, help="A folder for assessment.json, charts and maps.")

    def handle(self, *args, partnership, year, out, **options):
        try:
            financial_year_months(year)
            chosen = Partnership.objects.get(slug=partnership)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from error
        except Partnership.DoesNotExist:
            raise CommandError(f"There is no partnership with the slug {partnership!r}.") from None

        def progress(percent: int, stage: str) -> None:
            self.stderr.write(f"\r{percent:3d}% {stage:<60}", ending="")

        assessment = Assessment.objects.create(partnership=chosen, year=year)
        compute(assessment, on_progress=progress)
        self.stderr.write("")
        if assessment.status != Assessment.Status.DONE:
            raise CommandError(f"The assessment failed: {assessment.error}")
        result = assessment.result
        total = next(
            t for t in result["totals"] if t["area"] == "all" and t["crime_type"] == "All crime and ASB"
        )
        self.stdout.write(
            f"{chosen.name}, {year}: {total['current']:,} crimes and ASB incidents "
            f"(previous year {total['previous']:,})."
        )
        self.stdout.write(
            f"Emerging issues: {len(result['emerging']['flagged'])}. "
            f"Excluded: {result['excluded']['outside_the_partnership']:,} located "
            f"elsewhere, {result['excluded']['without_a_location']:,} without a location."
        )
        if out:
            try:
                for path in write_outputs(assessment, out):
                    self.stdout.write(f"Wrote {path}")
            except (AssessmentNotPossible, ReferenceDataError) as error:
                raise CommandError(str(error)) from error
