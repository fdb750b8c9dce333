"""The CSV tables of the plan and its monitoring, read from the Western Suffolk demo."""

from __future__ import annotations

import csv
from io import StringIO

import pytest

from cspmonitor.accounts.models import Classification
from cspmonitor.partnership.models import Partnership
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.exports import TABLE_SLUGS, table, tables, write_csv
from cspmonitor.plans.models import ProgressUpdate

YEAR = FinancialYear(2022)
EVERY_CLASSIFICATION = list(Classification.values)
OFFICIAL_ONLY = [Classification.OFFICIAL]
OUTPUT_SLUGS = TABLE_SLUGS[4:]


def _read(chosen) -> list[dict[str, str]]:
    file = StringIO()
    write_csv(chosen, file)
    return list(csv.DictReader(StringIO(file.getvalue())))


def test_it_has_a_table_for_the_plan_updates_and_every_kind_of_output():
    assert TABLE_SLUGS == [
        "priorities",
        "objectives",
        "actions",
        "updates",
        "training",
        "campaigns",
        "events",
        "services",
        "networks",
        "interventions",
        "awards",
        "referrals",
        "compliance",
    ]


def test_it_rejects_a_table_that_does_not_exist(demo):
    with pytest.raises(LookupError, match="no table called 'budgets'"):
        table("budgets", demo.partnership, YEAR, EVERY_CLASSIFICATION)


def test_it_names_files_by_partnership_year_and_table(demo):
    names = [chosen.filename() for chosen in tables(demo.partnership, YEAR, EVERY_CLASSIFICATION)]
    assert names[2] == "western-suffolk-2022-23-actions.csv"
    assert names == [f"western-suffolk-2022-23-{slug}.csv" for slug in TABLE_SLUGS]


def test_it_gives_readable_headers_and_a_classification_on_every_output_table(demo):
    actions = table("actions", demo.partnership, YEAR, EVERY_CLASSIFICATION).headers()
    assert {"Reference", "Lead organisation", "Owner", "Due date", "RAG rating"} <= set(actions)
    for slug in OUTPUT_SLUGS:
        headers = table(slug, demo.partnership, YEAR, EVERY_CLASSIFICATION).headers()
        assert "Classification" in headers, slug
        assert all(header[0].isupper() for header in headers), slug


def test_it_exports_the_labels_of_choices_not_their_codes(demo):
    fraud_plan = next(
        row
        for row in _read(table("actions", demo.partnership, YEAR, EVERY_CLASSIFICATION))
        if row["Reference"] == "FR-2"
    )
    assert (fraud_plan["Status"], fraud_plan["RAG rating"]) == ("Off track", "Red")
    training = _read(table("training", demo.partnership, YEAR, EVERY_CLASSIFICATION))
    assert {row["Audience"] for row in training} == {"Staff", "School staff", "Parents and carers"}


def test_it_exports_only_the_work_of_the_year_asked_for(demo):
    later = FinancialYear(2023)
    priorities = _read(table("priorities", demo.partnership, later, EVERY_CLASSIFICATION))
    actions = {
        row["Reference"] for row in _read(table("actions", demo.partnership, later, EVERY_CLASSIFICATION))
    }
    assert len(priorities) == 8  # the plan runs to 2024-25
    assert "CE-2" in actions and "CE-1" not in actions  # CE-1 was due in March 2023
    assert _read(table("updates", demo.partnership, later, EVERY_CLASSIFICATION)) == []
    assert _read(table("training", demo.partnership, later, EVERY_CLASSIFICATION)) == []


def test_it_exports_the_quarterly_updates_of_the_year(demo):
    updates = _read(table("updates", demo.partnership, YEAR, EVERY_CLASSIFICATION))
    assert len(updates) == ProgressUpdate.objects.count()
    assert {row["Quarter"] for row in updates} == {f"2022-23 Q{n}" for n in (1, 2, 3, 4)}


def test_it_leaves_out_outputs_of_classifications_not_asked_for(demo):
    everything = _read(table("referrals", demo.partnership, YEAR, EVERY_CLASSIFICATION))
    assert len(everything) == 8
    assert {row["Classification"] for row in everything} == {"OFFICIAL-SENSITIVE"}
    assert _read(table("referrals", demo.partnership, YEAR, OFFICIAL_ONLY)) == []


def test_it_keeps_another_partnerships_plan_out(demo):
    elsewhere = Partnership.objects.get(slug="elsewhere")
    for chosen in tables(elsewhere, YEAR, EVERY_CLASSIFICATION):
        assert _read(chosen) == [], chosen.slug


def test_it_stops_free_text_from_running_as_a_spreadsheet_formula(demo):
    ProgressUpdate.objects.filter(action__reference="CE-1", period="2022-23 Q1").update(
        narrative='=HYPERLINK("https://example.com","click")'
    )
    updates = _read(table("updates", demo.partnership, YEAR, EVERY_CLASSIFICATION))
    narrative = next(row for row in updates if row["Reference"] == "CE-1")["Progress this quarter"]
    assert narrative == '\'=HYPERLINK("https://example.com","click")'


def test_write_csv_writes_a_header_row_and_counts_the_rows(demo):
    file = StringIO()
    count = write_csv(table("networks", demo.partnership, YEAR, EVERY_CLASSIFICATION), file)
    lines = file.getvalue().splitlines()
    assert count == 2 and len(lines) == 3
    assert lines[0].startswith("Priority,Action reference,Organisation,Network,")
