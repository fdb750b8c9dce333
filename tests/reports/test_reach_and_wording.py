"""Reach that adds up, one-day events dated as one day, the recommendation's stem and paragraph 6.3
saying the same in both editions."""

from __future__ import annotations

import datetime as dt

from cspmonitor.activity.models import Audience, Event, Format
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.models import Priority
from cspmonitor.reports import services
from cspmonitor.reports.builders.annual import recommendation
from cspmonitor.reports.builders.annual_charts import reach_figure
from cspmonitor.reports.builders.workstreams import sentence
from cspmonitor.reports.fingerprint import text_lines

YEAR = FinancialYear(2022)


def _priorities(demo) -> list[Priority]:
    return list(Priority.objects.for_partnership(demo.partnership).in_year(YEAR))


def test_reach_keeps_council_staff_and_county_wide_staff_apart(demo):
    figure = reach_figure(_priorities(demo), YEAR)
    assert figure is not None and figure.data_table is not None
    table = figure.data_table
    prevent = next(row for row in table.rows if row[0].text == "Prevent")
    by_column = dict(zip(table.headers[1:], (cell.text for cell in prevent[1:]), strict=True))
    assert by_column["Staff (West Suffolk Council)"] == "43"
    assert by_column["Staff (Suffolk County Council)"] == "over 110"
    everything = " ".join([figure.alt, *(c.text for row in table.rows for c in row)])
    assert "153" not in everything  # 43 council staff were once added to "over 110" county staff
    assert "over 110 staff (Suffolk County Council)" in figure.alt


def test_an_over_figure_stays_a_lower_bound_in_every_sum(demo):
    figure = reach_figure(_priorities(demo), YEAR)
    assert figure is not None and figure.data_table is not None
    total = figure.data_table.rows[-1]
    column = figure.data_table.headers.index("Staff (Suffolk County Council)")
    assert total[0].text == "All priorities" and total[column].text == "over 110"


def test_a_one_day_event_is_dated_as_one_day(demo):
    prevent = Priority.objects.for_partnership(demo.partnership).get(title="Prevent")
    event = Event(
        priority=prevent,
        organisation=prevent.lead_organisation,
        period_start=dt.date(2022, 9, 14),
        period_end=dt.date(2022, 9, 14),
        name="Prevent briefing for councillors",
        audience=Audience.PUBLIC,
        format=Format.IN_PERSON,
        attendees=12,
    )
    assert sentence(event, YEAR) == "Prevent briefing for councillors: 12 attended on 14 September 2022."


def test_the_recommendation_names_the_committee():
    assert recommendation("Overview and Scrutiny Committee", "Note the report.") == (
        "The Overview and Scrutiny Committee is recommended to note the report."
    )
    written = "That the committee notes the report."
    assert recommendation("Overview and Scrutiny Committee", written) == written


def test_the_personal_data_implication_is_true_of_both_editions(demo):
    lines = {
        edition: next(
            line
            for line in text_lines(services.build(demo.partnership, "annual", "2022-23", edition))
            if line.startswith("Personal data processing:")
        )
        for edition in ("public", "restricted")
    }
    assert lines["public"] == lines["restricted"]
    assert "No personal data is used in this report" not in lines["public"]
    assert "restricted edition holds information that could identify individuals" in lines["public"]
