"""Generating a report: build the document from the records, choose the edition, write the file."""

from __future__ import annotations

import difflib
import logging

from django.db import transaction
from django.utils import timezone

from cspmonitor.accounts.models import Classification
from cspmonitor.background import failure_message
from cspmonitor.periods import FinancialYear, Quarter
from cspmonitor.reports import fingerprint, publication_check
from cspmonitor.reports.models import GeneratedReport

log = logging.getLogger(__name__)


def render(document, file_format: str) -> bytes:
    """The document written in one format (writers load only when a report is made)."""
    from cspmonitor.reports import writers

    if file_format == "docx":
        return writers.write_docx(document)
    if file_format == "pdf":
        return writers.write_pdf(document)
    if file_format == "html":
        return writers.write_html(document).encode()
    raise ValueError(f"Unknown format {file_format!r}: expected docx, pdf or html")


def edition_of(document, edition: str):
    """The public edition (restricted blocks withheld, small counts suppressed, then checked) or the
    restricted one."""
    from cspmonitor.reports import editions

    if edition == "public":
        public = editions.public_edition(document)
        editions.assert_publishable(public)
        return public
    return editions.restricted_edition(document)


def build(partnership, kind: str, period: str, edition: str):
    """The report's document in one edition: its figures from the records and, for the annual
    report, its wording as the officers last saved it (``narrative``). ``period`` is a financial
    year like "2022-23", or for the quarterly update a quarter like "2022-23 Q3"."""
    return edition_of(_full_document(partnership, kind, period), edition)


def _full_document(partnership, kind: str, period: str):
    # The builders load only when a report is made.
    if kind == GeneratedReport.Kind.ANNUAL:
        from cspmonitor.reports.builders.annual import build_annual_report
        from cspmonitor.reports.narrative import narrative_for

        narrative = narrative_for(partnership, period, kind=kind)
        return build_annual_report(partnership, FinancialYear.parse(period), narrative=narrative)
    if kind == GeneratedReport.Kind.ASSESSMENT:
        from cspmonitor.reports.builders.assessment import build_assessment_document, latest_assessment

        assessment = latest_assessment(partnership, FinancialYear.parse(period).label)
        if assessment is None:
            raise ValueError(
                f"There is no finished strategic assessment for {period}: run one on the strategic "
                "assessment page (or with manage.py strategic_assessment) first"
            )
        return build_assessment_document(assessment)
    if kind == GeneratedReport.Kind.QUARTERLY:
        from cspmonitor.reports.builders.quarterly import build_quarterly_update

        return build_quarterly_update(partnership, Quarter.parse(period))
    if kind == GeneratedReport.Kind.ASB:
        from cspmonitor.reports.builders.asb import build_asb_publication

        return build_asb_publication(partnership, FinancialYear.parse(period))
    raise ValueError(f"Unknown report {kind!r}: expected one of {', '.join(GeneratedReport.Kind.values)}")


def start(partnership, *, kind: str, year: str, edition: str, file_format: str, user=None) -> GeneratedReport:
    """Record a report to be generated (the background task or the command does the work)."""
    classification = (
        Classification.OFFICIAL
        if edition == GeneratedReport.Edition.PUBLIC
        else Classification.OFFICIAL_SENSITIVE
    )
    return GeneratedReport.objects.create(
        partnership=partnership,
        kind=kind,
        year=year,
        edition=edition,
        format=file_format,
        classification=classification,
        generated_by=user,
    )


def _progress(report: GeneratedReport, percent: int, stage: str) -> None:
    report.progress, report.stage, report.heartbeat_at = percent, stage, timezone.now()
    report.save(update_fields=["progress", "stage", "status", "heartbeat_at"])


def generate(report: GeneratedReport) -> GeneratedReport:
    """Build, check and write one report, recording progress; a refusal or error is recorded too."""
    report.status = GeneratedReport.Status.RUNNING
    _progress(report, 10, "Gathering the partnership's records")
    try:
        document = build(report.partnership, report.kind, report.year, report.edition)
        _progress(report, 50, f"Writing the {report.get_format_display()} file")
        data = render(document, report.format)
    except Exception as error:  # the page shows why in words; nothing half-made is kept
        log.exception("Report %s (%s %s) could not be generated", report.pk, report.kind, report.year)
        report.status = GeneratedReport.Status.FAILED
        report.error = failure_message(error, "generating this report", report.pk)
        report.finished_at = timezone.now()
        report.save()
        return report
    with transaction.atomic():
        report.file = data
        report.content_hash = fingerprint.content_hash(document)
        report.text = "\n".join(fingerprint.text_lines(document))
        report.findings = "\n".join(str(finding) for finding in publication_check.check(document))
        report.status, report.progress, report.stage = GeneratedReport.Status.DONE, 100, "Ready"
        report.finished_at = timezone.now()
        report.save()
    return report


def compare(older: GeneratedReport, newer: GeneratedReport) -> list[str]:
    """Lines added and removed between two versions, as a unified diff."""
    return list(
        difflib.unified_diff(
            older.text.splitlines(),
            newer.text.splitlines(),
            fromfile=f"Version {older.pk} ({older.created_at:%d %b %Y %H:%M})",
            tofile=f"Version {newer.pk} ({newer.created_at:%d %b %Y %H:%M})",
            lineterm="",
        )
    )
