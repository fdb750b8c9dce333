from django.core.management.base import BaseCommand, CommandError

from cspmonitor.analysis.arrow import skip_pyarrow_pandas_probe
from cspmonitor.crime.services import coverage_lines, crime_store, run_import


def refuse_smaller(paths) -> None:
    """Refuse, before anything is stored, files that would replace months with fewer rows."""
    from cspmonitor.analysis.upload_scan import scan, smaller_than_stored

    shrinking = smaller_than_stored(scan(paths)[0], crime_store().months())
    if shrinking:
        lines = [
            f"  {s.force} {s.month}: {s.stored_rows:,} rows held, {s.new_rows:,} in {s.source}"
            for s in shrinking
        ]
        raise CommandError(
            "These files have fewer rows than the months they would replace:\n"
            + "\n".join(lines)
            + "\nNothing was imported. If the smaller files are right, run again with --replace-smaller."
        )


class Command(BaseCommand):
    help = (
        "Import police.uk street-level crime files (CSVs, folders of them, or monthly zip "
        "archives) into the crime store. Re-importing a month replaces it exactly; rejected "
        "rows are listed with their file, line, column and reason in a rejects CSV."
    )
    # The system checks load every URL and view (about 0.9 s, longer than importing a force-year);
    # an import touches none of them. `manage.py check` runs them, as deployment and CI do.
    requires_system_checks: list[str] = []

    def run_from_argv(self, argv):
        skip_pyarrow_pandas_probe()  # a command-line process: see cspmonitor/analysis/arrow.py
        super().run_from_argv(argv)

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, folders or zip archives.")
        parser.add_argument("--strict", action="store_true", help="Store no month that has any rejected row.")
        parser.add_argument(
            "--per-month",
            action="store_true",
            help="Store every good month even when other inputs fail (else an import is whole or nothing).",
        )
        parser.add_argument(
            "--replace-smaller",
            action="store_true",
            help="Let a file replace a stored month that has more rows (refused without it).",
        )

    def handle(self, *args, paths, strict, per_month, replace_smaller=False, **options):
        bar_width = 30
        if not replace_smaller:
            refuse_smaller(paths)

        def progress(done: int, total: int, name: str) -> None:
            filled = bar_width * done // max(total, 1)
            self.stderr.write(
                f"\r[{'#' * filled}{'.' * (bar_width - filled)}] {done}/{total} files", ending=""
            )
            if done == total:
                self.stderr.write("")

        try:
            record, summary = run_import(paths, strict=strict, per_month=per_month, progress=progress)
        except OSError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary.describe())
        for month in summary.months:
            self.stdout.write(f"  {month.force} {month.month}: {month.action}, {month.rows:,} rows")
        for line in coverage_lines(crime_store(), {month.force for month in summary.months}):
            self.stdout.write(line)
        listed = summary.rejects + summary.skipped
        if listed:
            self.stdout.write(f"{len(listed):,} rejects listed in {record.rejects_file}")
            for reject in listed[:10]:
                where = f"line {reject.line}" + (f", column {reject.column}" if reject.column else "")
                self.stdout.write(f"  {reject.file} {where}: {reject.reason}")
        if summary.files_read == 0 and summary.files_refused == 0:
            raise CommandError("No police.uk street files were found in " + ", ".join(paths))
