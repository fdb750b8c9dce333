"""The strategic assessment as a document, built from a finished ``crime.Assessment``.

``build_assessment_document`` reads the assessment's stored ``result`` (every figure the run
computed) and returns the restricted (full) ``Document``: a summary, the data and its
coverage, levels and patterns, changes on last year, emerging issues, hotspots, near-repeats
and regulation 5 completeness. Every block takes the assessment's classification; the chart
and the map come from ``assessment_figures``.

Two rules keep small numbers out of the public edition:

* a table cell derived from a count (a rate, a change) carries that count in ``Cell.count``,
  so ``editions.public_edition`` suppresses it with the count it would give away;
* sentences name counts only when none is below the suppression threshold, because the public
  edition suppresses table cells, never words.
"""

from __future__ import annotations

from collections.abc import Mapping

from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES
from cspmonitor.crime.models import Assessment
from cspmonitor.crime.presentation import AssessmentPage
from cspmonitor.crime.templatetags.assessment import change_percent, p_value
from cspmonitor.plans.planning import regulation_5_for
from cspmonitor.reports.blocks import (
    OFFICIAL,
    Block,
    Cell,
    Document,
    Figure,
    ListBlock,
    Paragraph,
    Section,
    Table,
)
from cspmonitor.reports.builders.assessment_figures import (
    count_cell,
    derived_cell,
    knox_table,
    lsoa_map,
    lsoa_table,
    month_name,
    monthly_trend,
)
from cspmonitor.reports.builders.plain_words import month_names, spell_out_first, spelled_out
from cspmonitor.reports.editions import DEFAULT_THRESHOLD

CRIME_PARAGRAPH = 7  # Schedule 12A: prevention, investigation or prosecution of crime
NOT_SIGNIFICANT = "within normal variation"
CHANGE_TEST = "exact conditional binomial test"

SECTION_TITLES = [
    "Summary",
    "The data and its coverage",
    "Levels and patterns",
    "Changes since last year",
    "Emerging issues",
    "Hotspots",
    "Near-repeats",
    "Regulation 5 completeness",
]


class AssessmentNotFinished(ValueError):
    """The assessment has no result to build a document from."""


def latest_assessment(partnership, year: str) -> Assessment | None:
    """The partnership's most recent finished assessment for ``year`` (like "2022-23")."""
    return (
        Assessment.objects.filter(partnership=partnership, year=year, status=Assessment.Status.DONE)
        .exclude(result__isnull=True)
        .order_by("-finished_at", "-pk")
        .first()
    )


def _p(value: float | None) -> str:
    if value is None:
        return "p not defined"
    return "p < 0.001" if value < 0.001 else f"p = {value:.3f}"


def _speakable(*counts: int) -> bool:
    """True when a sentence may give these counts: none is a small number the public edition
    would suppress (zeros are published, as ``editions`` does)."""
    return not any(0 < count < DEFAULT_THRESHOLD for count in counts)


def _rose(row: Mapping) -> bool:
    # A rise from nothing has no ratio (it is infinite), but it is still a rise.
    return row["ratio"] is None or row["ratio"] > 1


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class _Builder:
    def __init__(self, assessment: Assessment) -> None:
        # The checklist's priorities and plan delivery come from the plan, as it stands now.
        self.result: dict = {**(assessment.result or {}), "regulation_5": regulation_5_for(assessment)}
        self.page = AssessmentPage(self.result)
        self.classification = assessment.classification or OFFICIAL
        year = self.result["year"]
        self.period = f"{month_name(year['first_month'])} to {month_name(year['last_month'])}"

    def section(self, index: int, blocks: list[Block]) -> Section:
        for block in blocks:
            for item in [block, block.data_table] if isinstance(block, Figure) else [block]:
                if item is not None:
                    item.classification = self.classification
                    if self.classification != OFFICIAL:
                        item.schedule_12a = item.schedule_12a or CRIME_PARAGRAPH
        return Section(title=SECTION_TITLES[index], blocks=blocks)

    def name(self, area: str) -> str:
        return self.page.area_names.get(area, area)

    def where(self, area: str) -> str:
        return "across the partnership" if area == ALL_AREAS else f"in {self.name(area)}"

    def significant(self) -> list[dict]:
        rows = [r for r in self.result["changes"]["rows"] if r["wording"] != NOT_SIGNIFICANT]
        return sorted(rows, key=lambda r: (r["area"] != ALL_AREAS, self.name(r["area"]), r["crime_type"]))

    def change_sentence(self, row: dict) -> str:
        size = f" by {change_percent(row['ratio']).lstrip('+−')}" if row["ratio"] is not None else ""
        counts = ""
        if _speakable(row["previous"], row["current"]):
            counts = f", from {row['previous']:,} to {row['current']:,}"
        interval = ""
        if row["ratio"] is not None and row["ci_high"] is not None:
            interval = (
                f"rate ratio {row['ratio']:.2f}, 95% interval {row['ci_low']:.2f} to {row['ci_high']:.2f}; "
            )
        return (
            f"{row['crime_type']} {self.where(row['area'])} {'rose' if _rose(row) else 'fell'}{size}{counts} "
            f"({interval}{CHANGE_TEST}, adjusted {_p(row['p_adjusted'])})."
        )

    def summary(self) -> Section:
        headline = self.page.headline
        no_last_year = self.result["changes"].get("not_enough_data")
        text = f"From {self.period}, few crimes and anti-social behaviour incidents were recorded"
        if no_last_year and _speakable(headline["current"]):
            text = (
                f"From {self.period}, {headline['current']:,} crimes and anti-social behaviour incidents "
                "were recorded across the partnership"
            )
        elif _speakable(headline["current"], headline["previous"]):
            text = (
                f"From {self.period}, {headline['current']:,} crimes and anti-social behaviour incidents "
                f"were recorded across the partnership, against {headline['previous']:,} the year before"
            )
        change = headline["change"]
        if change is not None and change["ratio"] is not None:
            text += f" (a change of {change_percent(change['ratio'])}, {change['wording']})"
        blocks: list[Block] = [Paragraph(text=text + ".")]
        significant = self.significant()
        for word, rose in (("rose", True), ("fell", False)):
            found = [f"{r['crime_type']} {self.where(r['area'])}" for r in significant if _rose(r) is rose]
            if found:
                blocks.append(
                    ListBlock(intro=f"These {word} on last year beyond normal variation:", items=found)
                )
        if no_last_year:
            blocks.append(Paragraph(text=f"Change on last year: {no_last_year}"))
        elif not significant:
            blocks.append(Paragraph(text="No crime type changed on last year beyond normal variation."))
        emerging = len(self.page.emerging)
        if self.result["emerging"].get("not_enough_data"):
            blocks.append(Paragraph(text=f"Emerging issues: {self.result['emerging']['not_enough_data']}"))
        else:
            blocks.append(
                Paragraph(
                    text=f"{_plural(emerging, 'emerging issue')} (a significant rise in the last three "
                    f"months) {'was' if emerging == 1 else 'were'} found."
                )
            )
        missing = [e["element"] for e in self.result["regulation_5"] if not e["present"]]
        if missing:
            intro = (
                "Regulation 5 also asks for these elements, which crime data cannot supply; the partnership "
                "adds them from its partners' information before it agrees the assessment:"
            )
            blocks.append(ListBlock(intro=intro, items=missing))
        return self.section(0, blocks)

    def coverage(self) -> Section:
        forces = ", ".join(force.title() for force in self.result["forces"])
        blocks: list[Block] = [
            Paragraph(
                text=f"The assessment covers {self.period}, compared with the year before, from police.uk "
                f"street-level data for {forces}."
            )
        ]
        for force, coverage in self.result["coverage"].items():
            blocks.append(Paragraph(text=f"{force.title()}: {month_names(coverage['description'])}"))
            for key, intro in (
                ("missing", "Months missing:"),
                ("short", "Months with fewer rows than usual:"),
            ):
                if coverage.get(key):
                    items = [month_names(month) for month in coverage[key]]
                    blocks.append(ListBlock(intro=intro, items=items, lettered=False))
            if not coverage["complete"]:
                blocks.append(Paragraph(text="Changes are judged on the months held."))
        excluded = self.result["excluded"]
        blocks.append(
            Paragraph(
                text=f"Left out of the figures: {excluded['outside_the_partnership']:,} rows located in "
                f"other districts and {excluded['without_a_location']:,} rows police.uk gives no location. "
                + excluded.get("note", "")
            )
        )
        blocks.append(
            Paragraph(
                text="Rates per 1,000 residents use the "
                f"{spelled_out(self.result['rates']['population_source'])}."
            )
        )
        return self.section(1, blocks)

    def levels(self) -> Section:
        rates = {(r["area"], r["crime_type"]): r for r in self.result["rates"]["rows"]}
        types = sorted(
            (r for (area, kind), r in rates.items() if area == ALL_AREAS and kind != ALL_TYPES),
            key=lambda r: (-r["count"], r["crime_type"]),
        )
        types.append(rates[ALL_AREAS, ALL_TYPES])
        by_type = Table(
            caption=f"Crimes and ASB by type, {self.period}",
            headers=["Crime type", "Recorded", "Per 1,000 residents"],
            rows=[
                [Cell(r["crime_type"]), count_cell(r["count"]), derived_cell(f"{r['rate']:,.1f}", r["count"])]
                for r in types
            ],
            numeric_columns=[1, 2],
            total_rows=[len(types) - 1],
        )
        areas = [*sorted((a for a in self.page.area_names if a != ALL_AREAS), key=self.name), ALL_AREAS]
        rows = []
        for area in areas:
            row = rates[area, ALL_TYPES]
            interval = f"{row['ci_low']:,.1f} to {row['ci_high']:,.1f}"
            rows.append(
                [
                    Cell(self.name(area)),
                    count_cell(row["count"]),
                    Cell(f"{row['population']:,.0f}"),
                    derived_cell(f"{row['rate']:,.1f}", row["count"]),
                    derived_cell(interval, row["count"]),
                ]
            )
        by_area = Table(
            caption=f"All crime and ASB by district, {self.period}",
            headers=["Area", "Recorded", "Residents", "Per 1,000 residents", "95% interval"],
            rows=rows,
            numeric_columns=[1, 2, 3, 4],
            total_rows=[len(rows) - 1],
        )
        return self.section(2, [by_type, by_area, monthly_trend(self.result)])

    def changes(self) -> Section:
        blocks: list[Block] = [Paragraph(text=self.result["changes"]["method"])]
        if self.result["changes"].get("not_enough_data"):
            blocks.append(Paragraph(text=self.result["changes"]["not_enough_data"]))
            return self.section(3, blocks)
        blocks += [Paragraph(text=self.change_sentence(row)) for row in self.significant()]
        if len(blocks) == 1:
            text = "No crime type changed beyond normal variation, in the partnership or in any one district."
            blocks.append(Paragraph(text=text))
        rows = sorted(
            (r for r in self.page.partnership_changes if r["crime_type"] != ALL_TYPES),
            key=lambda r: (-r["current"], r["crime_type"]),
        )
        rows.append(self.page.change_for(ALL_AREAS, ALL_TYPES) or {})
        blocks.append(
            Table(
                caption="Change on last year by crime type, partnership-wide",
                headers=["Crime type", "Last year", "This year", "Change", "Judgement"],
                rows=[
                    [
                        Cell(r["crime_type"]),
                        count_cell(r["previous"]),
                        count_cell(r["current"]),
                        derived_cell(change_percent(r["ratio"]), r["previous"], r["current"]),
                        Cell(r["wording"]),
                    ]
                    for r in rows
                    if r
                ],
                numeric_columns=[1, 2, 3],
                total_rows=[len(rows) - 1] if rows[-1] else [],
            )
        )
        return self.section(3, blocks)

    def emerging(self) -> Section:
        section = self.result["emerging"]
        end = month_name(section["period_end"])
        blocks: list[Block] = [Paragraph(text=section["method"])]
        if section.get("meaning"):
            blocks.append(Paragraph(text=section["meaning"]))
        if section.get("not_enough_data"):
            blocks.append(Paragraph(text=section["not_enough_data"]))
            return self.section(4, blocks)
        flagged = self.page.emerging
        for row in flagged:
            counts = ""
            if _speakable(row["current"]):
                counts = f": {row['current']:,} recorded against a usual {row['expected']:,.0f}"
            blocks.append(
                Paragraph(
                    text=f"{row['crime_type']} {self.where(row['area'])} rose in the three months to {end}"
                    f"{counts} (adjusted {_p(row['p_adjusted'])})."
                )
            )
        if flagged:
            blocks.append(
                Table(
                    caption=f"Significant rises in the three months to {end}",
                    headers=["Area", "Crime type", "Recorded", "Usual (earlier years)", "Adjusted p"],
                    rows=[
                        [
                            Cell(self.name(r["area"])),
                            Cell(r["crime_type"]),
                            count_cell(r["current"]),
                            Cell(f"{r['expected']:,.1f}"),
                            Cell(p_value(r["p_adjusted"])),
                        ]
                        for r in flagged
                    ],
                    numeric_columns=[2, 3, 4],
                )
            )
        else:
            blocks.append(
                Paragraph(text="No crime type rose beyond normal variation in the last three months.")
            )
        return self.section(4, blocks)

    def hotspots(self) -> Section:
        blocks: list[Block] = [
            Paragraph(text=self.result[key]["method"])
            for key in ("hotspots_lsoa", "hotspots_grid")
            if self.result.get(key)
        ]
        blocks += [Paragraph(text=note) for note in self.page.hotspot_notes]
        grid = self.result.get("hotspots_grid")
        if grid and not grid.get("not_enough_data"):
            blocks.append(
                Paragraph(
                    text=f"{grid['hot']:,} of {grid['cells']:,} cells of {grid['cell_m']} m are significant "
                    f"hotspots and {grid['cold']:,} are cold spots."
                )
            )
            trends = [(k, v) for k, v in grid.get("trends", {}).items() if k != "none"]
            blocks.append(
                Table(
                    caption=f"Grid hotspots this year against last year ({grid['cell_m']} m cells)",
                    headers=["Trend", "Cells"],
                    rows=[[Cell(trend.capitalize()), Cell(f"{cells:,}")] for trend, cells in trends],
                    numeric_columns=[1],
                )
            )
        figure = lsoa_map(self.result)
        if figure is not None:
            blocks.append(figure)
        blocks.append(lsoa_table("The 20 LSOAs with most crimes and ASB", self.page.lsoas))
        if self.page.hot_lsoas:
            blocks.append(
                Table(
                    caption="LSOA hotspots and their trend",
                    headers=["LSOA", "District", "This year", "Trend"],
                    rows=[
                        [
                            Cell(f"{r['lsoa_name']} ({r['lsoa_code']})"),
                            Cell(r["district_name"]),
                            Cell(r["class"]),
                            Cell(r["trend"]),
                        ]
                        for r in self.page.hot_lsoas
                    ],
                )
            )
        repeats = self.result.get("repeat_locations", [])[:10]
        if repeats:
            blocks.append(
                Table(
                    caption="The 10 police.uk map points with most crimes and ASB",
                    headers=["Location (police.uk map point)", "LSOA", "Recorded"],
                    rows=[
                        [Cell(r["location"]), Cell(r["lsoa_code"]), count_cell(r["count"])] for r in repeats
                    ],
                    numeric_columns=[2],
                )
            )
        return self.section(5, blocks)

    def near_repeats(self) -> Section:
        method = self.result.get("near_repeats", {}).get("method")
        blocks: list[Block] = [Paragraph(text=method)] if method else []
        for knox in self.page.near_repeats:
            closest = knox["rows"][0]["cells"][0]
            verdict = "significant" if closest["p"] <= 0.05 else "not significant"
            blocks.append(
                Paragraph(
                    text=f"{knox['crime_type']}: of {knox['events']:,} crimes, pairs within "
                    f"{knox['rows'][0]['label']} m and {knox['time_labels'][0]} months apart were "
                    f"{closest['ratio']:.2f} times what chance would give ({_p(closest['p'])}, {verdict})."
                )
            )
            blocks.append(knox_table(knox))
        notes = self.result.get("near_repeats", {}).get("not_enough_data", {})
        blocks += [Paragraph(text=f"{crime_type}: {note}") for crime_type, note in notes.items()]
        if not self.page.near_repeats and not notes:
            blocks.append(Paragraph(text="No crime type had enough located crimes to test for near-repeats."))
        return self.section(6, blocks)

    def regulation_5(self) -> Section:
        elements = self.result["regulation_5"]
        present = sum(1 for e in elements if e["present"])
        return self.section(
            7,
            [
                Paragraph(
                    text="Regulation 5 of the Crime and Disorder (Formulation and Implementation of "
                    "Strategy) Regulations 2007 (statutory instrument 2007/1830) sets out what a strategic "
                    "assessment must "
                    "contain. "
                    f"{present} of its {len(elements)} elements are in this assessment."
                ),
                Table(
                    caption="Elements regulation 5 requires",
                    headers=["Element", "In this assessment", "Note"],
                    rows=[
                        [Cell(e["element"]), Cell("Included" if e["present"] else "Missing"), Cell(e["note"])]
                        for e in elements
                    ],
                ),
            ],
        )


def build_assessment_document(assessment: Assessment) -> Document:
    """The full (restricted) strategic assessment document; see the module docstring."""
    if assessment.status != Assessment.Status.DONE or not assessment.result:
        raise AssessmentNotFinished(f"{assessment} has no finished result to report.")
    builder = _Builder(assessment)
    document = Document(
        author=assessment.partnership.name,
        title=f"{assessment.partnership.name} strategic assessment {assessment.year}",
        edition="restricted",
        sections=[
            builder.summary(),
            builder.coverage(),
            builder.levels(),
            builder.changes(),
            builder.emerging(),
            builder.hotspots(),
            builder.near_repeats(),
            builder.regulation_5(),
        ],
    )
    # The data's crime type "All crime and ASB" is the document's first ASB: spell it out there.
    spell_out_first(document, "ASB", "anti-social behaviour (ASB)")
    return document
