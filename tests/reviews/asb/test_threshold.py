"""The ASB Case Review threshold engine at every boundary of its rules (plain Python, no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from cspmonitor.reviews.asb.threshold import Complaint, evaluate, window_start
from cspmonitor.reviews.rules.rulesets import Threshold, load_ruleset

D = dt.date
RULE = load_ruleset("asb", "default").threshold
STANDARD_ONLY = Threshold(complaints=3, months=6, qualifying_days=0, alternatives=(), qualifying_months=1)
APPLIED = D(2023, 7, 15)  # the six months ending 15 July 2023 began on 16 January 2023
POLICE, COUNCIL, LANDLORD = "Suffolk Constabulary", "West Suffolk Council", "Registered social landlords"


def complaint(behaviour: dt.date, reported: dt.date | None = None, agency: str = POLICE, **rest) -> Complaint:
    return Complaint(behaviour_on=behaviour, reported_on=reported or behaviour, agency=agency, **rest)


def three_apart(**rest) -> list[Complaint]:
    """Three separate qualifying incidents in May and June 2023."""
    return [complaint(D(2023, 5, day), **rest) for day in (2, 16, 30)]


def test_the_default_rules_are_three_in_six_months_within_one_month_with_two_alternatives():
    assert (RULE.complaints, RULE.months, RULE.qualifying_months) == (3, 6, 1)
    assert [a.key for a in RULE.alternatives] == ["several_people", "hate_incident"]


# (behaviour, reported, qualifies): "within one month" is a calendar month, to the corresponding day.
ONE_MONTH = [
    pytest.param(D(2023, 4, 1), D(2023, 5, 1), True, id="day 30 in a 30-day month: 1 April to 1 May"),
    pytest.param(D(2023, 4, 1), D(2023, 5, 2), False, id="day 31 in a 30-day month: 1 April to 2 May"),
    pytest.param(D(2023, 3, 1), D(2023, 4, 1), True, id="day 31 in a 31-day month: 1 March to 1 April"),
    pytest.param(D(2023, 3, 1), D(2023, 4, 2), False, id="day 32 in a 31-day month: 1 March to 2 April"),
    pytest.param(D(2023, 1, 31), D(2023, 2, 28), True, id="31 January to 28 February"),
    pytest.param(D(2023, 1, 31), D(2023, 3, 1), False, id="31 January to 1 March"),
    pytest.param(D(2024, 1, 31), D(2024, 2, 29), True, id="31 January to 29 February in a leap year"),
    pytest.param(D(2024, 1, 31), D(2024, 3, 1), False, id="31 January to 1 March in a leap year"),
    pytest.param(D(2023, 2, 28), D(2023, 3, 28), True, id="28 February to 28 March"),
    pytest.param(D(2023, 2, 28), D(2023, 3, 29), False, id="28 February to 29 March"),
    pytest.param(D(2023, 5, 5), D(2023, 5, 5), True, id="the same day"),
]


@pytest.mark.parametrize(("behaviour", "reported", "qualifies"), ONE_MONTH)
def test_it_counts_a_complaint_made_within_one_calendar_month_of_the_behaviour(
    behaviour, reported, qualifies
):
    others = [complaint(reported + dt.timedelta(days=n)) for n in (5, 10)]
    result = evaluate(
        [complaint(behaviour, reported), *others], reported + dt.timedelta(days=60), STANDARD_ONLY
    )
    assert result.met is qualifies
    assert result.assessments[0].qualifies is qualifies


def test_it_explains_a_complaint_made_too_late_in_days_and_with_the_last_day():
    result = evaluate([complaint(D(2023, 4, 1), D(2023, 5, 2))], APPLIED, RULE)
    assert result.explanations == [
        "Complaint 1 (reported 2 May 2023) does not qualify: reported 31 days after the behaviour, "
        "more than one month (the last day to qualify was 1 May 2023)."
    ]


def test_it_explains_a_qualifying_complaint_by_the_days_since_the_behaviour():
    result = evaluate([complaint(D(2023, 2, 19), D(2023, 3, 3))], APPLIED, RULE)
    assert result.explanations == [
        "Complaint 1 (reported 3 March 2023) qualifies: made 12 days after the behaviour."
    ]


@pytest.mark.parametrize(
    ("count", "met"),
    [pytest.param(3, True, id="three complaints"), pytest.param(2, False, id="two complaints")],
)
def test_it_needs_three_qualifying_complaints(count, met):
    result = evaluate(three_apart()[:count], APPLIED, RULE)
    assert (result.met, result.rule) == (met, "standard" if met else None)
    assert len(result.qualifying) == count


# The six months ending with the application on 15 July 2023 run from 16 January 2023.
WINDOW = [
    pytest.param(D(2023, 1, 16), True, id="on the first day of the six months"),
    pytest.param(D(2023, 1, 15), False, id="one day before the six months"),
    pytest.param(D(2023, 7, 15), True, id="on the day of the application"),
    pytest.param(D(2023, 7, 16), False, id="the day after the application"),
]


@pytest.mark.parametrize(("reported", "met"), WINDOW)
def test_it_counts_only_complaints_made_in_the_six_months_ending_with_the_application(reported, met):
    early = complaint(reported - dt.timedelta(days=2), reported)
    result = evaluate([early, *three_apart()[:2]], APPLIED, RULE)
    assert result.met is met


def test_the_window_ends_on_the_application_day_and_keeps_to_month_ends():
    assert window_start(D(2023, 7, 15), 6) == D(2023, 1, 16)
    assert window_start(D(2023, 8, 31), 6) == D(2023, 3, 1)  # six months before is 28 February


def test_it_explains_a_complaint_outside_the_window():
    result = evaluate([complaint(D(2023, 1, 14), D(2023, 1, 15))], APPLIED, RULE)
    assert result.explanations[0] == (
        "Complaint 1 (reported 15 January 2023) does not count: made before the six months ending with "
        "the application (which began on 16 January 2023)."
    )


def test_an_incident_reported_to_two_agencies_counts_once():
    same_night = [complaint(D(2023, 5, 2)), complaint(D(2023, 5, 2), D(2023, 5, 3), COUNCIL)]
    result = evaluate([*same_night, complaint(D(2023, 6, 1))], APPLIED, RULE)
    assert not result.met
    assert [a.counted for a in result.assessments] == [True, False, True]
    assert result.explanations[1] == (
        "Complaint 2 (reported 3 May 2023) counted once: the behaviour on 2 May 2023 was also reported "
        "to Suffolk Constabulary (complaint 1)."
    )


def test_the_same_incident_reference_counts_once_whatever_the_dates_or_case():
    first = complaint(D(2023, 5, 2), incident_reference="ABC123")
    again = complaint(D(2023, 5, 3), D(2023, 5, 4), COUNCIL, incident_reference="abc 123")
    result = evaluate([first, again, complaint(D(2023, 6, 1))], APPLIED, RULE)
    assert not result.met
    assert result.explanations[1] == (
        "Complaint 2 (reported 4 May 2023) counted once: incident abc 123 was also reported to "
        "Suffolk Constabulary."
    )


def test_two_complaints_to_one_agency_about_one_day_are_two_incidents_unless_it_gave_one_reference():
    morning, evening = complaint(D(2023, 5, 2)), complaint(D(2023, 5, 2), D(2023, 5, 3))
    assert evaluate([morning, evening, complaint(D(2023, 6, 1))], APPLIED, RULE).met
    same = [
        complaint(D(2023, 5, 2), incident_reference="X1"),
        complaint(D(2023, 5, 2), incident_reference="X1"),
    ]
    assert not evaluate([*same, complaint(D(2023, 6, 1))], APPLIED, RULE).met


def test_the_first_reported_complaint_of_an_incident_is_the_one_counted():
    later = complaint(D(2023, 5, 2), D(2023, 5, 9), COUNCIL)
    earlier = complaint(D(2023, 5, 2), D(2023, 5, 2))
    result = evaluate([later, earlier], APPLIED, RULE)
    assert [a.duplicate_of for a in result.assessments] == [2, None]


def test_one_hate_incident_meets_the_threshold_by_the_local_rule():
    result = evaluate([complaint(D(2023, 6, 1), hate_related=True)], APPLIED, RULE)
    assert (result.met, result.rule) == (True, "hate_incident")
    assert result.summary.startswith("Threshold met by a local rule: One hate incident.")
    assert result.explanations == [
        "Complaint 1 (reported 1 June 2023) qualifies: made on the day of the behaviour; hate-related."
    ]


def test_a_hate_incident_must_still_qualify():
    late = complaint(D(2023, 4, 1), D(2023, 5, 2), hate_related=True)
    outside = complaint(D(2023, 1, 10), D(2023, 1, 15), hate_related=True)
    assert not evaluate([late], APPLIED, RULE).met
    assert not evaluate([outside], APPLIED, RULE).met


def test_without_the_local_rules_a_hate_incident_alone_does_not_meet_it():
    assert not evaluate([complaint(D(2023, 6, 1), hate_related=True)], APPLIED, STANDARD_ONLY).met


def _five_reports_of_two_incidents(people: str) -> list[Complaint]:
    night, later = D(2023, 5, 6), D(2023, 6, 3)
    agencies = [POLICE, COUNCIL, LANDLORD]
    first = [complaint(night, night, agencies[i], complainant=p) for i, p in enumerate(people[:3])]
    second = [complaint(later, later, POLICE, incident_reference="SC-1", complainant=p) for p in people[3:]]
    return first + second


@pytest.mark.parametrize(
    ("people", "met"),
    [
        # Local procedures word it "five reports by several people" (no source says "three
        # people"); the default rule set reads several as at least two.
        pytest.param("ABCAB", True, id="local procedures: five reports from three people"),
        # Two people can make only four distinct reports of two incidents (a person's reports
        # of one incident count once), so the alternative cannot be met before the standard rule.
        pytest.param("ABBAB", False, id="local procedures: two people, four distinct reports"),
        pytest.param("AAAAA", False, id="local procedures: one person's reports are not several people"),
        pytest.param("ABCA", False, id="local procedures: four reports from three people"),
    ],
)
def test_five_reports_by_several_people_meet_it_by_the_local_rule(people, met):
    result = evaluate(_five_reports_of_two_incidents(people), APPLIED, RULE)
    assert len([a for a in result.assessments if a.counted]) == 2  # two incidents: not the standard rule
    assert (result.met, result.rule) == (met, "several_people" if met else None)


def test_a_persons_reports_of_one_incident_to_several_agencies_count_once_for_the_several_people_rule():
    night, later = D(2023, 5, 6), D(2023, 6, 3)
    reports = [
        complaint(night, night, POLICE, complainant="A"),
        complaint(night, night, COUNCIL, complainant="A"),  # A again, another agency: the same report
        complaint(night, night, LANDLORD, complainant="B"),
        complaint(later, later, POLICE, incident_reference="R", complainant="C"),
        complaint(later, later, COUNCIL, incident_reference="R", complainant="B"),
    ]
    assert not evaluate(reports, APPLIED, RULE).met
    assert evaluate([*reports, complaint(later, later, LANDLORD, complainant="A")], APPLIED, RULE).met


def test_the_standard_rule_is_preferred_when_both_it_and_an_alternative_are_met():
    result = evaluate(three_apart(hate_related=True), APPLIED, RULE)
    assert result.rule == "standard"


def test_a_rule_written_in_days_counts_days():
    in_days = Threshold(complaints=1, months=6, qualifying_days=30, alternatives=())
    assert evaluate([complaint(D(2023, 3, 1), D(2023, 3, 31))], APPLIED, in_days).met
    result = evaluate([complaint(D(2023, 3, 1), D(2023, 4, 1))], APPLIED, in_days)
    assert not result.met
    assert "more than 30 days" in result.explanations[0]


def test_a_complaint_dated_before_its_behaviour_is_flagged_not_counted():
    result = evaluate([complaint(D(2023, 5, 5), D(2023, 5, 4))], APPLIED, RULE)
    assert not result.assessments[0].counted
    assert "check the dates" in result.explanations[0]


def test_no_complaints_do_not_meet_it_and_say_discretion_remains():
    result = evaluate([], APPLIED, RULE)
    assert not result.met
    assert result.explanations == []
    assert "The officer may still use discretion." in result.summary
