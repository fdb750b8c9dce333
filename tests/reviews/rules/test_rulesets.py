"""Rule sets: the shipped files, choosing the version in effect, and files that do not fit."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cspmonitor.reviews.rules.rulesets import (
    Alternative,
    RuleSetError,
    Stage,
    Threshold,
    current_ruleset,
    load_ruleset,
    read_ruleset,
    rulesets,
)

D = dt.date


def _targets(ruleset):
    return [(s.key, s.starts_from, s.target, s.day_kind, s.done_by) for s in ruleset.stages]


def test_it_loads_the_2016_domestic_homicide_review_guidance():
    dhr = load_ruleset("dhr", "2016")
    assert (dhr.kind, dhr.version, dhr.effective_from) == ("dhr", "2016", D(2016, 12, 1))
    assert "Multi-agency Statutory Guidance for the Conduct of Domestic Homicide Reviews" in dhr.source
    assert _targets(dhr) == [
        ("decide", "notified", 1, "months", "decided"),
        ("inform_home_office", "notified", 1, "months", "home_office_informed"),
        ("complete", "commissioned", 6, "months", "report_completed"),
    ]
    assert dhr.pausable is True
    assert dhr.stage("complete").skipped_by == "not_commissioned"
    assert [r.key for r in dhr.pause_reasons] == ["criminal_proceedings", "inquest", "other"]
    assert dhr.threshold is None


def test_it_keeps_the_2016_targets_in_the_2024_revision_and_its_new_name():
    dhr2024 = load_ruleset("dhr", "2024")
    assert "Domestic Abuse Related Death Reviews" in dhr2024.title
    assert _targets(dhr2024) == _targets(load_ruleset("dhr", "2016"))
    assert "2016" in dhr2024.source


def test_it_loads_the_default_asb_case_review_rules():
    asb = load_ruleset("asb", "default")
    assert _targets(asb) == [
        ("acknowledge", "received", 10, "working", "acknowledged"),
        ("decide", "received", 15, "working", "decided"),
        ("meet", "decided", 20, "working", "meeting"),
    ]
    assert asb.pausable is False
    assert asb.threshold == Threshold(
        complaints=3,
        months=6,
        qualifying_days=0,
        qualifying_months=1,
        alternatives=(
            Alternative(
                "several_people",
                "Five reports by several people in six months",
                5,
                6,
                2,
                False,
                asb.threshold.alternatives[0].status,
            ),
            Alternative(
                "hate_incident", "One hate incident", 1, 6, 0, True, asb.threshold.alternatives[1].status
            ),
        ),
    )


@pytest.mark.parametrize(
    ("behaviour", "last_day"),
    [
        (D(2023, 5, 5), D(2023, 6, 5)),
        (D(2023, 1, 31), D(2023, 2, 28)),
        (D(2024, 1, 31), D(2024, 2, 29)),
        (D(2023, 12, 15), D(2024, 1, 15)),
    ],
)
def test_it_works_out_the_last_day_a_complaint_qualifies_in_calendar_months(behaviour, last_day):
    assert load_ruleset("asb", "default").threshold.last_qualifying_day(behaviour) == last_day


def test_it_can_count_a_qualifying_period_in_days_for_local_rules():
    assert Threshold(3, 6, 28, ()).last_qualifying_day(D(2023, 1, 31)) == D(2023, 2, 28)


@pytest.mark.parametrize(
    ("stage", "words"),
    [
        (Stage("s", "S", "a", 10, "working", "b"), "10 working days"),
        (Stage("s", "S", "a", 1, "working", "b"), "1 working day"),
        (Stage("s", "S", "a", 30, "calendar", "b"), "30 calendar days"),
        (Stage("s", "S", "a", 6, "months", "b"), "6 months"),
    ],
)
def test_it_says_a_target_in_words(stage, words):
    assert stage.target_label == words


def test_it_lists_the_versions_of_a_kind_oldest_first():
    assert [r.version for r in rulesets("dhr")] == ["2016", "2024"]
    assert [r.version for r in rulesets("asb")] == ["default"]
    assert rulesets("nothing") == []


@pytest.mark.parametrize(
    ("on", "version"),
    [
        (D(2016, 12, 1), "2016"),
        (D(2024, 5, 23), "2016"),
        # Royal Assent to the Victims and Prisoners Act 2024 is not commencement of s19.
        (D(2024, 5, 24), "2016"),
        (D(2030, 1, 1), "2016"),
    ],
)
def test_it_picks_the_rule_set_in_effect_on_a_date(on, version):
    assert current_ruleset("dhr", on).version == version


def test_it_refuses_a_date_before_any_rule_set():
    with pytest.raises(RuleSetError, match="no dhr rule set was in effect on 2016-11-30"):
        current_ruleset("dhr", D(2016, 11, 30))


def test_it_refuses_a_version_that_does_not_exist():
    with pytest.raises(RuleSetError, match=r"dhr-1999\.toml: no such rule set file"):
        load_ruleset("dhr", "1999")


VALID = """\
kind = "test"
version = "1"
title = "A test rule set"
source = "Made up for a test."
pausable = true

[status]
kind = "in_force"
since = 2020-01-01
source = "Made up for a test."

[[events]]
key = "opened"
label = "Opened"

[[events]]
key = "closed"
label = "Closed"

[[pause_reasons]]
key = "inquest"
label = "Inquest"

[[stages]]
key = "close"
label = "Close it"
starts_from = "opened"
target = 10
day_kind = "working"
done_by = "closed"

[threshold]
complaints = 3
months = 6
qualifying_months = 1
"""


def _write(tmp_path: Path, text: str, name: str = "test-1.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_reads_a_valid_file(tmp_path):
    ruleset = read_ruleset(_write(tmp_path, VALID))
    assert ruleset.stages == (Stage("close", "Close it", "opened", 10, "working", "closed"),)
    assert ruleset.threshold == Threshold(3, 6, 0, (), qualifying_months=1)
    assert current_ruleset("test", D(2020, 1, 1), directory=tmp_path) == ruleset


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('day_kind = "working"', 'day_kind = "fortnightly"'),
            "stages[0].day_kind: 'fortnightly' is not one of",
        ),
        (
            ('starts_from = "opened"', 'starts_from = "received"'),
            "stages[0].starts_from: 'received' is not one",
        ),
        (('done_by = "closed"', 'done_by = "shut"'), "stages[0].done_by: 'shut' is not one of the events"),
        (("target = 10\n", ""), "stages[0].target: missing"),
        (("target = 10", 'target = "ten"'), "stages[0].target: must be a whole number, not 'ten'"),
        (("target = 10", "target = 0"), "stages[0].target: must be at least 1, not 0"),
        (("day_kind", "day_knd"), "stages[0].day_knd: unknown key"),
        (('title = "A test rule set"\n', ""), "title: missing"),
        (("since = 2020-01-01", 'since = "2020"'), "status.since: must be a date"),
        (("since = 2020-01-01", "since = 2020-01-01T09:00:00"), "status.since: must be a date"),
        (("since = 2020-01-01\n", ""), "status.since: missing (the date the rule came into force)"),
        (('kind = "in_force"', 'kind = "pending"'), "status.kind: 'pending' is not one of"),
        (
            ('kind = "in_force"', 'kind = "prospective"'),
            "status.since: a prospective rule has no commencement",
        ),
        (('source = "Made up for a test."\n\n[[events]]', "[[events]]"), "status.source: missing"),
        (("[status]", "[state]"), "state: unknown key"),
        (("pausable = true", 'pausable = "yes"'), "pausable: must be true or false"),
        (('key = "closed"', 'key = "opened"'), "events[1].key: 'opened' is used twice"),
        (
            ("qualifying_months = 1", "qualifying_months = 1\nqualifying_days = 31"),
            "threshold.qualifying_months",
        ),
        (('version = "1"', 'version = "2"'), "version: a rule set for test version 2 belongs in test-2.toml"),
        (("[[stages]]", "[[stages]\n"), "not valid TOML"),
    ],
)
def test_it_names_the_file_and_the_key_of_a_rule_set_that_does_not_fit(tmp_path, change, message):
    old, new = change
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(RuleSetError, match=re.escape(f"test-1.toml: {message}")):
        read_ruleset(path)


def test_it_needs_pause_reasons_only_when_the_clock_can_be_paused(tmp_path):
    reasonless = VALID.replace('[[pause_reasons]]\nkey = "inquest"\nlabel = "Inquest"\n', "")
    with pytest.raises(RuleSetError, match=r"test-1\.toml: pause_reasons: missing"):
        read_ruleset(_write(tmp_path, reasonless))
    unpausable = reasonless.replace("pausable = true", "pausable = false")
    assert read_ruleset(_write(tmp_path, unpausable, "test-1.toml")).pause_reasons == ()
