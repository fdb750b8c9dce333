"""A small hand-made report exercising every kind of block the writers handle."""

from __future__ import annotations

import io

import matplotlib
import pytest

from cspmonitor.reports.blocks import (
    OFFICIAL_SENSITIVE,
    Cell,
    Document,
    Figure,
    FrontSheet,
    ListBlock,
    Paragraph,
    Section,
    Table,
    Withheld,
)

matplotlib.use("Agg")


def png_chart(width: float = 4) -> bytes:
    """A bar chart ``width`` inches wide and 2.5 high, at 72 dpi."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(width, 2.5))
    axes.bar(["Haverhill", "Sudbury", "Newmarket"], [120, 95, 60], color="#1d70b8")
    axes.set_ylabel("Offences")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=72)
    plt.close(figure)
    return buffer.getvalue()


def crime_table(caption: str) -> Table:
    return Table(
        caption=caption,
        headers=["Area", "Offences", "Victims under 18"],
        rows=[
            [Cell("Haverhill"), Cell("120", 120), Cell("12", 12)],
            [Cell("Sudbury"), Cell("95", 95), Cell("3", 3, suppressed=True)],
            [Cell("Total"), Cell("215", 215), Cell("15", 15, suppressed=True)],
        ],
        numeric_columns=[1, 2],
        total_rows=[2],
    )


def make_document(edition: str = "restricted") -> Document:
    restricted = edition == "restricted"
    sensitive = (
        Paragraph(
            text="Operation Larch targets two addresses in Haverhill.",
            classification=OFFICIAL_SENSITIVE,
            schedule_12a=7,
        )
        if restricted
        else Withheld(note="One paragraph is withheld under Schedule 12A, paragraph 7.")
    )
    return Document(
        title="Strategic assessment 2025 to 2026",
        edition=edition,  # type: ignore[arg-type]
        front_sheet=FrontSheet(
            report_number="CSP/25/07",
            committee="Western Suffolk Community Safety Partnership",
            meeting_date="12 March 2026",
            title="Strategic assessment 2025 to 2026",
            rows=[("Lead officer", "Sam Example, Community Safety Manager")],
            recommendations=["Note the assessment.", "Agree the three priorities."],
        ),
        sections=[
            Section(
                title="Purpose of the report",
                blocks=[
                    Paragraph(text="This report sets out the strategic assessment."),
                    Paragraph(text="It informs the partnership plan."),
                ],
            ),
            Section(
                title="Findings",
                blocks=[Paragraph(text="Recorded crime fell by 4 per cent.")],
                subsections=[
                    Section(
                        title="Violence",
                        blocks=[
                            Paragraph(text="Violence against the person is the largest category."),
                            ListBlock(
                                intro="The priorities are:",
                                items=["serious violence", "domestic abuse", "exploitation"],
                            ),
                            crime_table("Table 1: Offences by area"),
                            Figure(
                                caption="Figure 1: Offences by area",
                                alt="Bar chart: Haverhill 120, Sudbury 95, Newmarket 60 offences.",
                                image=png_chart(),
                                media_type="image/png",
                                data_table=crime_table("Data for figure 1"),
                            ),
                            sensitive,
                        ],
                    )
                ],
            ),
            Section(
                title="Recommendations",
                blocks=[
                    Paragraph(text="The partnership is asked to agree the priorities."),
                    Paragraph(text="Background papers: none.", numbered=False),
                ],
            ),
        ],
    )


@pytest.fixture
def document() -> Document:
    return make_document("restricted")


@pytest.fixture
def public_document() -> Document:
    return make_document("public")
