"""A subject access export: one case file as a PDF, built as report blocks and printed by the
reports' own PDF writer (WeasyPrint), so it carries the OFFICIAL-SENSITIVE marking on every page."""

from __future__ import annotations

from cspmonitor.panels.models import Case
from cspmonitor.reports.blocks import OFFICIAL_SENSITIVE, Cell, Document, Paragraph, Section, Table
from cspmonitor.reports.writers.pdf import write_pdf


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> Table:
    return Table(
        classification=OFFICIAL_SENSITIVE,
        caption=caption,
        headers=headers,
        rows=[[Cell(text=text or "–") for text in row] for row in rows],
    )


def case_file(case: Case) -> Document:
    """Everything the panel holds about ``case``, as a restricted document."""
    subject = getattr(case, "subject", None)
    details = [
        ["Subject", case.get_subject_kind_display()],
        ["Referred", f"{case.referred_on:%-d %B %Y} by {case.referrer}, {case.referred_by}"],
        ["Why", case.reason],
        ["Consent", f"{case.get_consent_display()}: {case.consent_basis}"],
        ["Risk level", case.get_risk_display()],
        [
            "Status",
            f"Closed {case.closed_on:%-d %B %Y}: {case.get_outcome_display()}" if case.closed_on else "Open",
        ],
    ]
    if subject is not None:
        details += [
            ["Name", subject.name],
            ["Date of birth", f"{subject.date_of_birth or ''}"],
            ["Address", subject.address],
        ]
    sections = [
        Section(
            title="The case",
            blocks=[
                Paragraph(
                    text=f"This is the case file {case.panel} holds for {case.reference}.",
                    classification=OFFICIAL_SENSITIVE,
                ),
                _table("What the panel holds", ["Item", "Detail"], details),
            ],
        ),
        Section(
            title="Risk history",
            blocks=[
                _table(
                    "Risk levels",
                    ["Date", "Level", "Reasons"],
                    [[f"{r.assessed_on}", r.get_level_display(), r.reasons] for r in case.risk_history.all()],
                )
            ],
        ),
        Section(
            title="Meetings",
            blocks=[
                _table(
                    "Minutes",
                    ["Meeting", "Discussion", "Decision"],
                    [
                        [f"{m.meeting.date}", m.discussion, m.decision]
                        for m in case.minutes.select_related("meeting")
                    ],
                )
            ],
        ),
        Section(
            title="Actions",
            blocks=[
                _table(
                    "Actions",
                    ["Action", "Owner", "Due", "Done"],
                    [
                        [a.description, str(a.owner), f"{a.due_on}", f"{a.completed_on or ''}"]
                        for a in case.actions.select_related("owner")
                    ],
                )
            ],
        ),
        Section(
            title="Disclosures outside the panel",
            blocks=[
                _table(
                    "Disclosures",
                    ["Date", "Given to", "What", "Lawful basis"],
                    [
                        [f"{d.disclosed_on}", d.disclosed_to, d.what, d.lawful_basis]
                        for d in case.disclosures.all()
                    ],
                )
            ],
        ),
    ]
    return Document(title=f"Case file {case.reference}", edition="restricted", sections=sections)


def case_file_pdf(case: Case) -> bytes:
    return write_pdf(case_file(case))
