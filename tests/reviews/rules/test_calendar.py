"""The statutory calendar: a financial year's obligations, as iCalendar and CSV."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest

from cspmonitor.reviews.rules.calendar import (
    CSV_HEADERS,
    Obligation,
    annual_obligations,
    obligation_rules,
    to_csv_rows,
    to_ics,
)
from cspmonitor.reviews.rules.rulesets import RuleSetError

D = dt.date
YEAR_2022 = D(2022, 4, 1)
FACTS_2022 = {
    "last_scrutiny": D(2021, 11, 10),
    "last_asb_publication": D(2021, 6, 15),
    "training": [
        {
            "key": "dhr_chair_training",
            "title": "Refresh DHR chair training",
            "every_months": 24,
            "last": D(2020, 9, 1),
        },
        {
            "key": "asb_awareness",
            "title": "ASB awareness training",
            "every_months": 6,
            "last": D(2022, 1, 15),
        },
        {
            "key": "prevent",
            "title": "Prevent training",
            "every_months": 12,
            "last": None,
            "responsible": "All staff",
        },
    ],
}


def _dues(obligations: list[Obligation]) -> list[tuple[dt.date, str]]:
    return [(o.due, o.key) for o in obligations]


def test_it_lists_the_obligations_of_2022_23_with_their_dates():
    assert _dues(annual_obligations(YEAR_2022, facts=FACTS_2022)) == [
        (D(2022, 4, 1), "prevent"),  # never done: due now
        (D(2022, 4, 30), "plan_to_pcc"),
        (D(2022, 6, 15), "asb_case_review_figures"),  # 12 months after the last publication
        (D(2022, 7, 15), "asb_awareness"),
        (D(2022, 7, 31), "information_sharing_q1"),
        (D(2022, 9, 1), "dhr_chair_training"),
        (D(2022, 10, 31), "information_sharing_q2"),
        (D(2022, 11, 10), "scrutiny"),  # 12 months after the last scrutiny
        (D(2022, 12, 31), "strategic_assessment"),
        (D(2023, 1, 15), "asb_awareness"),
        (D(2023, 1, 31), "information_sharing_q3"),
        (D(2023, 3, 31), "partnership_plan"),
        (D(2023, 3, 31), "public_meeting"),
        (D(2023, 4, 30), "information_sharing_q4"),
    ]


def test_it_says_what_each_obligation_is_and_who_is_responsible():
    by_key = {o.key: o for o in annual_obligations(YEAR_2022, facts=FACTS_2022)}
    assert "SI 2007/1830 regs 5-7" in by_key["strategic_assessment"].legal_basis
    assert "reg 12" in by_key["public_meeting"].legal_basis
    assert "s17A" in by_key["information_sharing_q1"].legal_basis
    assert by_key["information_sharing_q1"].title.endswith("Q1 2022-23 (April to June 2022)")
    assert by_key["information_sharing_q1"].recurrence == "Every quarter"
    assert by_key["prevent"].responsible == "All staff"
    assert by_key["dhr_chair_training"].recurrence == "Every 24 months"
    assert "Police and Crime Commissioner" in by_key["plan_to_pcc"].title


def test_it_uses_the_end_of_the_year_for_scrutiny_and_june_for_the_asb_figures_without_facts():
    dues = dict((key, due) for due, key in _dues(annual_obligations(YEAR_2022, facts={})))
    assert dues["scrutiny"] == D(2023, 3, 31)
    assert dues["asb_case_review_figures"] == D(2022, 6, 30)


@pytest.mark.parametrize(
    ("last_scrutiny", "dues"),
    [
        (D(2021, 1, 10), [D(2022, 1, 10), D(2023, 1, 10)]),  # already overdue when the year began
        (D(2021, 4, 1), [D(2022, 4, 1)]),
        (D(2021, 3, 31), [D(2022, 3, 31), D(2023, 3, 31)]),
        (D(2022, 3, 31), [D(2023, 3, 31)]),
        (D(2022, 4, 1), []),  # next due in 2023-24
        (D(2022, 2, 28), [D(2023, 2, 28)]),
    ],
)
def test_it_asks_for_scrutiny_twelve_months_after_the_last(last_scrutiny, dues):
    obligations = annual_obligations(YEAR_2022, facts={"last_scrutiny": last_scrutiny})
    assert [o.due for o in obligations if o.key == "scrutiny"] == dues


def test_it_adds_the_serious_violence_strategy_from_2023_24():
    assert "serious_violence_strategy" not in {o.key for o in annual_obligations(YEAR_2022, facts={})}
    obligations = annual_obligations(D(2023, 4, 1), facts={})
    assert [o.due for o in obligations if o.key == "serious_violence_strategy"] == [D(2024, 1, 31)]


def test_it_refuses_a_year_that_does_not_start_on_1_april():
    with pytest.raises(ValueError, match="a financial year starts on 1 April, not 2022-01-01"):
        annual_obligations(D(2022, 1, 1), facts={})


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"last_scrutinee": D(2021, 1, 1)}, "unknown facts last_scrutinee"),
        ({"last_scrutiny": "2021-11-10"}, "fact 'last_scrutiny' must be a date"),
        ({"training": [{"key": "x", "title": "X"}]}, "has no every_months"),
        ({"training": [{"key": "x", "title": "X", "every_months": 0, "last": None}]}, "every_months must be"),
        ({"training": ["first aid"]}, "each training cycle must be a mapping"),
    ],
)
def test_it_refuses_facts_it_cannot_use(facts, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        annual_obligations(YEAR_2022, facts=facts)


def test_it_writes_one_all_day_event_for_each_obligation():
    obligations = annual_obligations(YEAR_2022, facts=FACTS_2022)
    stamp = dt.datetime(2022, 3, 1, 9, 0, tzinfo=dt.UTC)
    ics = to_ics(
        obligations, "Western Suffolk CSP: statutory calendar", uid_namespace="western-suffolk", stamp=stamp
    )
    calendar = icalendar.Calendar.from_ical(ics)
    assert str(calendar["X-WR-CALNAME"]) == "Western Suffolk CSP: statutory calendar"
    events = calendar.walk("VEVENT")
    assert len(events) == len(obligations) == 14
    for event, obligation in zip(events, obligations, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and start == obligation.due
        assert end == obligation.due + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == obligation.title
        assert obligation.legal_basis in str(event["DESCRIPTION"])
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert uids[0] == "prevent-20220401@western-suffolk"


def test_it_keeps_the_same_uids_when_the_calendar_is_written_again():
    obligations = annual_obligations(YEAR_2022, facts={})

    def uids(ics: bytes) -> list[str]:
        return [str(e["UID"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")]

    first = to_ics(obligations, "CSP", stamp=dt.datetime(2022, 3, 1, tzinfo=dt.UTC))
    again = to_ics(obligations, "CSP")
    assert uids(first) == uids(again)


def test_it_gives_csv_rows_with_headers_first():
    rows = to_csv_rows(annual_obligations(YEAR_2022, facts={}))
    assert rows[0] == list(CSV_HEADERS)
    assert rows[1] == [
        "2022-04-30",
        "2022-04-30",
        "Send the partnership plan to the Police and Crime Commissioner",
        "SI 2007/1830 reg 13A (inserted by SI 2012/2660)",
        "In force from 22 November 2012",
        "Strategy group",
        "Every year",
        "plan_to_pcc",
    ]
    assert len(rows) == 11


RULE = """\
[[obligations]]
key = "meeting"
title = "Hold a meeting"
legal_basis = "A made-up rule"
responsible = "Strategy group"
recurrence = "Every year"
rule = "fixed"
month = 3
day = 31

[obligations.status]
kind = "in_force"
since = 2020-01-01
source = "Made up for a test"
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('rule = "fixed"', 'rule = "monthly"'), "obligations[0].rule: 'monthly' is not one of"),
        (("month = 3\n", ""), "obligations[0].month: missing"),
        (("day = 31", "day = 30\nmonth = 2"), None),  # a TOML error: month given twice
        (("month = 3", "month = 2"), "obligations[0].day: 2/31 is not a day of the year"),
        (("day = 31", 'day = 31\nfirst_year = "2023"'), "obligations[0].first_year:"),
        (("day = 31", "day = 31\nevery = 3"), "obligations[0].every: unknown key"),
        (("day = 31", 'day = "31"'), "obligations[0].day: must be a whole number"),
        (('title = "Hold a meeting"\n', ""), "obligations[0].title: missing"),
        (("[[obligations]]", "[[obligation]]"), "obligations: missing"),
        (("[obligations.status]", "[obligations.state]"), "obligations[0].state: unknown key"),
        (('kind = "in_force"', 'kind = "soon"'), "obligations[0].status.kind: 'soon' is not one of"),
        (("since = 2020-01-01\n", ""), "obligations[0].status.since: missing"),
        (
            ("day = 31", "day = 31\nlocal_months_after = 1"),
            "obligations[0].local_months_after: only a quarterly",
        ),
        (
            (
                'rule = "fixed"\nmonth = 3\nday = 31',
                'rule = "quarterly"\nmonths_after = 1\nlocal_months_after = 1',
            ),
            "obligations[0].local_months_after: must be sooner than months_after",
        ),
        (
            (
                'rule = "fixed"\nmonth = 3\nday = 31',
                'rule = "quarterly"\nmonths_after = 3\nlocal_months_after = 1',
            ),
            "obligations[0].local_basis: missing",
        ),
        (("day = 31", 'day = 31\nlocal_basis = "We are quick"'), "obligations[0].local_basis: given without"),
    ],
)
def test_it_names_the_file_and_the_key_of_an_obligation_rule_that_does_not_fit(tmp_path, change, message):
    path = tmp_path / "obligations.toml"
    path.write_text(RULE.replace(*change), encoding="utf-8")
    with pytest.raises(RuleSetError, match=re.escape(f"obligations.toml: {message or ''}")):
        obligation_rules(path)


def test_it_refuses_the_same_obligation_key_twice(tmp_path):
    path = tmp_path / "obligations.toml"
    path.write_text(RULE + "\n" + RULE, encoding="utf-8")
    with pytest.raises(
        RuleSetError, match=re.escape("obligations.toml: obligations[1].key: 'meeting' is used twice")
    ):
        obligation_rules(path)
