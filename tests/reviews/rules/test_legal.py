"""The legal status of every shipped rule, each case naming the source it follows.

Tables, not prose: when a commencement order or circular changes the law, change the row and the
TOML file together.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cspmonitor.reviews.rules.calendar import annual_obligations, obligation_rules, prospective_rules
from cspmonitor.reviews.rules.clocks import deadlines
from cspmonitor.reviews.rules.legal import (
    IN_FORCE,
    LOCAL_CHOICE,
    PROSPECTIVE,
    Configuration,
    LegalStatus,
    read_status,
)
from cspmonitor.reviews.rules.rulesets import (
    RuleSetError,
    applicable_rulesets,
    configured,
    current_ruleset,
    load_ruleset,
)

D = dt.date
#: The day this law was last checked: "today" for a review notified now.
TODAY = D(2026, 12, 3)
DARDR = {"dhr-2024": D(2026, 12, 1)}


@pytest.mark.parametrize(
    ("kind", "version", "status", "since", "source"),
    [
        pytest.param("dhr", "2016", IN_FORCE, D(2016, 12, 1), "December 2016", id="DHR guidance 2016"),
        pytest.param(
            "dhr", "2024", PROSPECTIVE, None, "Victims and Prisoners Act 2024 s19", id="VPA 2024 s19"
        ),
        pytest.param("asb", "default", IN_FORCE, D(2014, 10, 20), "SI 2014/2590", id="SI 2014/2590 art 3"),
    ],
)
def test_each_rule_set_carries_its_legal_status_and_source(kind, version, status, since, source):
    ruleset = load_ruleset(kind, version)
    assert (ruleset.status.kind, ruleset.status.since) == (status, since)
    assert source in ruleset.status.source


def test_royal_assent_to_the_2024_act_is_kept_as_enactment_not_commencement():
    status = load_ruleset("dhr", "2024").status
    assert status.enacted == D(2024, 5, 24)
    assert status.since is None
    assert "not commencement" in status.note


@pytest.mark.parametrize(
    ("notified", "commenced", "version"),
    [
        pytest.param(TODAY, {}, "2016", id="VPA 2024 s19 prospective: a review notified today stays 2016"),
        pytest.param(D(2024, 5, 24), {}, "2016", id="VPA 2024 Royal Assent day: still 2016"),
        pytest.param(TODAY, {"dhr-2024": D(2027, 1, 1)}, "2016", id="commencement recorded for a later date"),
        pytest.param(TODAY, DARDR, "2024", id="commencement recorded before notification: DARDR"),
        pytest.param(D(2026, 11, 30), DARDR, "2016", id="notified the day before the recorded commencement"),
        pytest.param(
            TODAY, {"dhr-2016": D(2026, 12, 1)}, "2016", id="a record for another rule set changes nothing"
        ),
    ],
)
def test_a_new_review_runs_under_the_2016_guidance_until_commencement_is_recorded(
    notified, commenced, version
):
    assert current_ruleset("dhr", notified, Configuration(commenced=commenced)).version == version


def test_a_prospective_rule_set_is_listed_but_not_applicable():
    assert [r.version for r in applicable_rulesets("dhr", TODAY)] == ["2016"]
    assert [r.version for r in applicable_rulesets("dhr", TODAY, Configuration(commenced=DARDR))] == [
        "2016",
        "2024",
    ]


@pytest.mark.parametrize(
    ("key", "status", "since", "source"),
    [
        pytest.param(
            "strategic_assessment", IN_FORCE, D(2007, 8, 1), "SI 2007/1830 reg 1(1)", id="SI 2007/1830"
        ),
        pytest.param(
            "partnership_plan", IN_FORCE, D(2007, 8, 1), "SI 2007/1830 reg 1(1)", id="SI 2007/1830 plan"
        ),
        pytest.param("plan_to_pcc", IN_FORCE, D(2012, 11, 22), "SI 2012/2660", id="SI 2012/2660 reg 13A"),
        pytest.param("public_meeting", IN_FORCE, D(2007, 8, 1), "SI 2007/1830", id="SI 2007/1830 reg 12"),
        pytest.param("scrutiny", IN_FORCE, D(2009, 4, 30), "SI 2009/936", id="PJA 2006 s19 by SI 2009/936"),
        pytest.param("information_sharing", IN_FORCE, D(2007, 8, 1), "SI 2007/1614", id="CDA 1998 s17A"),
        pytest.param(
            "asb_case_review_figures", IN_FORCE, D(2014, 10, 20), "SI 2014/2590", id="ASBCPA 2014 s104"
        ),
        pytest.param(
            "asb_data_to_secretary_of_state",
            PROSPECTIVE,
            None,
            "Crime and Policing Act 2026",
            id="CPA 2026 ASB data",
        ),
        pytest.param(
            "serious_violence_strategy", IN_FORCE, D(2023, 1, 31), "Serious Violence Duty", id="PCSC 2022"
        ),
        pytest.param(
            "serious_violence_strategy_review",
            IN_FORCE,
            D(2023, 1, 31),
            "statutory guidance",
            id="SVD guidance",
        ),
        pytest.param(
            "prevent_risk_assessment", IN_FORCE, D(2023, 12, 31), "Prevent duty guidance", id="Prevent 2023"
        ),
        pytest.param(
            "prevent_partnership_plan",
            IN_FORCE,
            D(2023, 12, 31),
            "Prevent duty guidance",
            id="Prevent 2023 plan",
        ),
    ],
)
def test_each_obligation_carries_its_legal_status_and_source(key, status, since, source):
    rule = next(r for r in obligation_rules() if r.key == key)
    assert (rule.status.kind, rule.status.since) == (status, since)
    assert source in rule.status.source


def test_every_shipped_obligation_is_in_the_table_above():
    assert len(obligation_rules()) == 12


def _due(year_start: dt.date, key: str, facts=None, config: Configuration | None = None) -> list:
    found = annual_obligations(year_start, facts=facts or {}, config=config or Configuration())
    return [(o.due, o.statutory_due) for o in found if o.key == key]


@pytest.mark.parametrize(
    ("quarter", "local", "by_law"),
    [
        # CDA 1998 s17A and SI 2007/1831: by the end of the next quarter; the local agreement: one month.
        pytest.param(1, D(2026, 7, 31), D(2026, 9, 30), id="s17A Q1: July locally, September by law"),
        pytest.param(2, D(2026, 10, 31), D(2026, 12, 31), id="s17A Q2"),
        pytest.param(3, D(2027, 1, 31), D(2027, 3, 31), id="s17A Q3"),
        pytest.param(4, D(2027, 4, 30), D(2027, 6, 30), id="s17A Q4 falls in the next year"),
    ],
)
def test_information_sharing_shows_the_stricter_local_date_beside_the_law(quarter, local, by_law):
    assert _due(D(2026, 4, 1), f"information_sharing_q{quarter}") == [(local, by_law)]
    rule = next(r for r in obligation_rules() if r.key == "information_sharing")
    assert "one month" in rule.local_basis


@pytest.mark.parametrize(
    ("year", "risk_assessment", "plan"),
    [
        # Prevent duty guidance 2023, in force 31 December 2023: nothing before 2024-25.
        pytest.param(D(2023, 4, 1), [], [], id="Prevent 2023 not yet in force in 2023-24"),
        pytest.param(
            D(2024, 4, 1), [(D(2024, 9, 30), None)], [(D(2024, 12, 31), None)], id="Prevent 2023 in 2024-25"
        ),
        pytest.param(
            D(2026, 4, 1), [(D(2026, 9, 30), None)], [(D(2026, 12, 31), None)], id="Prevent 2023 in 2026-27"
        ),
    ],
)
def test_the_prevent_risk_assessment_and_partnership_plan_are_due_every_year(year, risk_assessment, plan):
    assert _due(year, "prevent_risk_assessment") == risk_assessment
    assert _due(year, "prevent_partnership_plan") == plan


@pytest.mark.parametrize(
    ("year", "strategy_ends", "strategy", "review"),
    [
        # PCSC Act 2022 Part 2 Chapter 1: the first strategy by 31 January 2024.
        pytest.param(D(2023, 4, 1), None, [D(2024, 1, 31)], [], id="PCSC 2022: first strategy"),
        # A 2024-27 strategy: reviewed each year (SVD statutory guidance), renewed when it ends.
        pytest.param(
            D(2024, 4, 1), D(2027, 3, 31), [], [D(2025, 1, 31)], id="SVD 2024-27: first yearly review"
        ),
        pytest.param(
            D(2025, 4, 1), D(2027, 3, 31), [], [D(2026, 1, 31)], id="SVD 2024-27: second yearly review"
        ),
        pytest.param(
            D(2026, 4, 1), D(2027, 3, 31), [D(2027, 3, 31)], [D(2027, 1, 31)], id="SVD 2024-27: renewal due"
        ),
        pytest.param(D(2026, 4, 1), None, [], [D(2027, 1, 31)], id="SVD: no end recorded, only the review"),
    ],
)
def test_a_serious_violence_strategy_runs_several_years_with_a_yearly_review(
    year, strategy_ends, strategy, review
):
    facts = {"svd_strategy_ends": strategy_ends} if strategy_ends else {}
    assert [due for due, _ in _due(year, "serious_violence_strategy", facts)] == strategy
    assert [due for due, _ in _due(year, "serious_violence_strategy_review", facts)] == review


@pytest.mark.parametrize(
    ("commenced", "dues"),
    [
        # Crime and Policing Act 2026: commencement of the ASB data duty to be confirmed (Circular 004/2026).
        pytest.param({}, [], id="CPA 2026 ASB data: prospective, never due"),
        pytest.param(
            {"obligations.asb_data_to_secretary_of_state": D(2026, 6, 29)},
            [(D(2026, 6, 30), None)],
            id="CPA 2026 ASB data: due once commencement is recorded",
        ),
        pytest.param(
            {"obligations.asb_data_to_secretary_of_state": D(2026, 7, 1)},
            [],
            id="CPA 2026 ASB data: not due before the recorded commencement",
        ),
    ],
)
def test_the_asb_data_return_is_due_only_once_its_commencement_is_recorded(commenced, dues):
    config = Configuration(commenced=commenced)
    assert _due(D(2026, 4, 1), "asb_data_to_secretary_of_state", config=config) == dues
    assert bool(prospective_rules(config)) == (not commenced)


@pytest.mark.parametrize(
    ("config", "title"),
    [
        # SI 2007/1830 reg 13A: "the elected local policing body".
        pytest.param(
            Configuration(), "Send the partnership plan to the Police and Crime Commissioner", id="PCC"
        ),
        pytest.param(
            Configuration(local_policing_body="Mayor of Greater Manchester"),
            "Send the partnership plan to the Mayor of Greater Manchester",
            id="reg 13A: a mayor",
        ),
        pytest.param(
            Configuration(local_policing_body="Suffolk Policing and Crime Board"),
            "Send the partnership plan to the Suffolk Policing and Crime Board",
            id="reg 13A: a policing and crime board after PCCs are abolished",
        ),
    ],
)
def test_the_plan_goes_to_the_partnerships_local_policing_body(config, title):
    found = annual_obligations(D(2026, 4, 1), facts={}, config=config)
    assert next(o.title for o in found if o.key == "plan_to_pcc") == title


@pytest.mark.parametrize(
    ("config", "submitted"),
    [
        pytest.param(
            Configuration(), "Submitted to the Home Office Quality Assurance Panel", id="Home Office panel"
        ),
        pytest.param(
            Configuration(qa_body="Domestic Abuse Related Death Review Oversight Board"),
            "Submitted to the Domestic Abuse Related Death Review Oversight Board",
            id="the oversight board announced in 2025",
        ),
    ],
)
def test_the_quality_assurance_body_is_the_partnerships_setting(config, submitted):
    for version in ("2016", "2024"):
        assert configured(load_ruleset("dhr", version), config).event("submitted").label == submitted


@pytest.mark.parametrize(
    ("starts", "due"),
    [
        # Local procedures differ: the threshold decision is counted from receipt or acknowledgement.
        pytest.param("received", D(2023, 1, 11), id="decision clock from receipt (default)"),
        pytest.param("acknowledged", D(2023, 1, 24), id="decision clock from acknowledgement"),
    ],
)
def test_the_asb_decision_clock_starts_from_the_event_the_partnership_chose(starts, due):
    asb = configured(load_ruleset("asb", "default"), Configuration(clock_starts={"asb.decide": starts}))
    events = {"received": D(2022, 12, 16), "acknowledged": D(2023, 1, 3)}
    decide = next(d for d in deadlines(asb, events, [], D(2023, 1, 5)) if d.stage.key == "decide")
    assert decide.due == due


def test_a_clock_cannot_start_from_an_event_its_stage_does_not_allow():
    with pytest.raises(
        RuleSetError, match=re.escape("asb-default: the meet clock cannot start from 'received'")
    ):
        configured(load_ruleset("asb", "default"), Configuration(clock_starts={"asb.meet": "received"}))


@pytest.mark.parametrize(
    ("key", "label", "people", "status"),
    [
        # Local procedures word it "five reports by several people"; none found say "three people".
        pytest.param(
            "several_people",
            "Five reports by several people in six months",
            2,
            LOCAL_CHOICE,
            id="several people",
        ),
        pytest.param("hate_incident", "One hate incident", 0, LOCAL_CHOICE, id="one hate incident"),
    ],
)
def test_the_asb_threshold_alternatives_are_local_choices_in_the_words_of_local_procedures(
    key, label, people, status
):
    alternative = next(a for a in load_ruleset("asb", "default").threshold.alternatives if a.key == key)
    assert (alternative.label, alternative.distinct_complainants, alternative.status.kind) == (
        label,
        people,
        status,
    )


def test_the_asb_rules_do_not_open_a_review_automatically_unless_chosen():
    # 2023 ASB action plan: encouraged, not required; a local choice.
    assert load_ruleset("asb", "default").threshold.open_automatically is False


@pytest.mark.parametrize(
    ("key", "status", "source"),
    [
        pytest.param(
            "local_policing_body_review",
            PROSPECTIVE,
            "Crime and Policing Act 2026",
            id="CPA 2026: victim asks the local policing body to review a threshold-not-met decision",
        ),
    ],
)
def test_the_2026_asb_case_review_changes_are_shown_with_their_status(key, status, source):
    asb = configured(load_ruleset("asb", "default"), Configuration(local_policing_body="Mayor of London"))
    provision = next(p for p in asb.provisions if p.key == key)
    assert (provision.status.kind, provision.status.enacted) == (status, D(2026, 4, 29))
    assert source in provision.status.source and "Circular 004/2026" in provision.status.note
    assert provision.label == "Ask the Mayor of London to review a threshold-not-met decision"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "in_force", "source": "x"}, "since: missing"),
        ({"kind": "prospective", "source": "x", "since": D(2026, 1, 1)}, "since: a prospective rule"),
        ({"kind": "local_choice"}, "source: missing"),
        ({"kind": "law", "source": "x"}, "kind: 'law' is not one of"),
        ({"kind": "local_choice", "source": "x", "from": D(2026, 1, 1)}, "from: unknown key"),
        ({"kind": "local_choice", "source": "x", "enacted": "2026"}, "enacted: must be a date"),
        (None, "missing (a [status] table"),
    ],
)
def test_it_names_the_key_of_a_status_that_does_not_fit(data, message):
    def fail(key, words):
        raise RuleSetError(f"{key}: {words}")

    with pytest.raises(RuleSetError, match=re.escape(message)):
        read_status(data, fail)


@pytest.mark.parametrize(
    ("status", "day", "commenced", "applies"),
    [
        (LegalStatus(IN_FORCE, "s", since=D(2020, 1, 1)), D(2019, 12, 31), None, False),
        (LegalStatus(IN_FORCE, "s", since=D(2020, 1, 1)), D(2020, 1, 1), None, True),
        (LegalStatus(LOCAL_CHOICE, "s"), D(2000, 1, 1), None, True),
        (LegalStatus(PROSPECTIVE, "s"), D(2099, 1, 1), None, False),
        (LegalStatus(PROSPECTIVE, "s"), D(2026, 1, 1), D(2026, 1, 1), True),
    ],
)
def test_a_status_applies_from_its_commencement(status, day, commenced, applies):
    assert status.applies_on(day, commenced) is applies
