"""manage.py build_report: generate a report from the command line and keep the version."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cspmonitor.partnership.models import Partnership
from cspmonitor.periods import FinancialYear, PeriodError, Quarter
from cspmonitor.reports import services
from cspmonitor.reports.models import GeneratedReport


class Command(BaseCommand):
    help = (
        "Generate a report from the partnership's records, write it to a file and keep the version on "
        "the reports page: annual (the monitoring report to scrutiny), assessment (the strategic "
        "assessment document, from the year's latest finished assessment), quarterly (what changed in "
        "a quarter) or asb (the ASB Case Review annual publication)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=GeneratedReport.Kind.values,
            help="Which report: " + ", ".join(GeneratedReport.Kind.values),
        )
        parser.add_argument(
            "--partnership", required=True, help="The partnership's slug, e.g. western-suffolk."
        )
        period = parser.add_mutually_exclusive_group(required=True)
        period.add_argument("--year", help="The financial year, written like 2022-23.")
        period.add_argument(
            "--quarter", help="For the quarterly update: the quarter, written like '2022-23 Q3'."
        )
        parser.add_argument(
            "--edition",
            required=True,
            choices=GeneratedReport.Edition.values,
            help="public (restricted parts withheld, small counts hidden) or restricted.",
        )
        parser.add_argument(
            "--format", required=True, choices=GeneratedReport.Format.values, help="docx, pdf or html."
        )
        parser.add_argument("--out", required=True, type=Path, help="The file to write.")

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"No partnership has the slug {options['partnership']!r}.")
        kind, year, quarter = options["kind"], options["year"], options["quarter"]
        if (kind == GeneratedReport.Kind.QUARTERLY) != bool(quarter):
            raise CommandError(
                "The quarterly update takes --quarter (like '2022-23 Q3'); every other report takes --year."
            )
        try:
            period = Quarter.parse(quarter).label if quarter else FinancialYear.parse(year).label
        except PeriodError as error:
            raise CommandError(str(error)) from None
        report = services.start(
            partnership,
            kind=kind,
            year=period,
            edition=options["edition"],
            file_format=options["format"],
        )
        report = services.generate(report)
        if report.status != GeneratedReport.Status.DONE:
            raise CommandError(f"The report could not be generated: {report.error}")
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(bytes(report.file))
        self.stdout.write(
            f"Wrote {out} ({len(report.file):,} bytes): version {report.pk}, "
            f"content fingerprint {report.content_hash[:12]}."
        )
