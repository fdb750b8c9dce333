from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cspmonitor.plans.exports import TABLE_SLUGS


def _export(out, *extra) -> str:
    printed = StringIO()
    call_command(
        "export_plan",
        "--partnership",
        "western-suffolk",
        "--year",
        "2022-23",
        "--out",
        str(out),
        *extra,
        stdout=printed,
    )
    return printed.getvalue()


def _rows(out, slug) -> list[dict[str, str]]:
    with (out / f"western-suffolk-2022-23-{slug}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _row(out, slug, **match) -> dict[str, str]:
    """The one row of the table whose columns have the values given (underscores for spaces)."""
    wanted = {name.replace("_", " ").capitalize(): value for name, value in match.items()}
    found = [row for row in _rows(out, slug) if all(row[name] == value for name, value in wanted.items())]
    assert len(found) == 1, (slug, match, len(found))
    return found[0]


def test_it_writes_one_csv_per_table_into_a_new_folder(demo, tmp_path):
    out = tmp_path / "exports" / "2022-23"
    printed = _export(out)
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"western-suffolk-2022-23-{slug}.csv" for slug in TABLE_SLUGS
    )
    assert f"Wrote {out / 'western-suffolk-2022-23-priorities.csv'} (8 rows)" in printed
    assert f"Wrote {out / 'western-suffolk-2022-23-events.csv'} (1 row)" in printed


def test_every_figure_of_the_seed_report_can_be_read_back_from_the_files(demo, tmp_path):
    _export(tmp_path)
    awareness = {"topic": "Criminal exploitation awareness"}
    assert _row(tmp_path, "training", audience="Staff", **awareness)["People reached"] == "15"
    assert _row(tmp_path, "training", audience="School staff", **awareness)["People reached"] == "20"
    assert _row(tmp_path, "training", topic="Prevent duty training")["People reached"] == "43"
    assert _row(tmp_path, "training", audience="Parents and carers")["People reached"] == "84"
    assert (
        _row(tmp_path, "events", name="Online Radicalisation and Extremism Conference")["Attendees"] == "110"
    )
    assert _row(tmp_path, "interventions", name="Target hardening")["Count"] == "5"
    assert _row(tmp_path, "networks", scope="Across Suffolk")["Count"] == "1250"
    assert _row(tmp_path, "networks", scope="West Suffolk Council staff")["Count"] == "8"
    assert _row(tmp_path, "awards", area="Suffolk")["Applications"] == "18"
    assert _row(tmp_path, "awards", area="Suffolk")["Nominees"] == "59"
    assert _row(tmp_path, "awards", area="West Suffolk")["Applications"] == "3"


def test_it_includes_official_sensitive_rows_by_default(demo, tmp_path):
    _export(tmp_path)
    assert len(_rows(tmp_path, "referrals")) == 8
    assert _row(tmp_path, "interventions", classification="OFFICIAL-SENSITIVE")["Unit"] == "businesses"


def test_it_leaves_out_official_sensitive_rows_with_official_only(demo, tmp_path):
    printed = _export(tmp_path, "--official-only")
    assert _rows(tmp_path, "referrals") == []
    assert "referrals.csv (0 rows)" in printed
    classifications = {row["Classification"] for slug in TABLE_SLUGS[4:] for row in _rows(tmp_path, slug)}
    assert classifications == {"OFFICIAL"}


def test_it_names_a_bad_year_and_an_unknown_partnership(db, tmp_path):
    with pytest.raises(CommandError, match="not a financial year written like 2022-23"):
        call_command(
            "export_plan", "--partnership", "western-suffolk", "--year", "2022", "--out", str(tmp_path)
        )
    with pytest.raises(CommandError, match="no partnership with the slug 'nowhere'"):
        call_command("export_plan", "--partnership", "nowhere", "--year", "2022-23", "--out", str(tmp_path))
