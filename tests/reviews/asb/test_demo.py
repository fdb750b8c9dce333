"""The demo's ASB Case Reviews show every path through the threshold, and load only once."""

from __future__ import annotations

from cspmonitor.demo.loader import load_western_suffolk
from cspmonitor.reviews.asb.models import CaseReviewApplication, Complaint, Recommendation
from cspmonitor.reviews.asb.services import clocks, threshold_result


def test_the_demo_decisions_agree_with_the_engine(demo):
    for application in CaseReviewApplication.objects.filter(partnership=demo.partnership):
        result = threshold_result(application)
        if application.decision == "met":
            assert result.met, application.reference
        else:
            assert not result.met, application.reference


def test_the_demo_shows_each_way_the_threshold_is_met_or_not(demo, asb):
    rules = {a.reference: (a.decision, threshold_result(a).rule) for a in CaseReviewApplication.objects.all()}
    assert set(rules.values()) >= {
        ("met", "standard"),
        ("met", "hate_incident"),
        ("met", "several_people"),
        ("not_met", None),
        ("met_by_discretion", None),
    }
    assert asb(next(r for r, v in rules.items() if v[0] == "met_by_discretion")).vulnerable_victim


def test_the_demo_spans_the_three_districts_and_one_late_clock(demo):
    applications = CaseReviewApplication.objects.filter(partnership=demo.partnership)
    assert {a.area.name for a in applications} == {"West Suffolk", "Babergh", "Mid Suffolk"}
    statuses = [clock.status for a in applications for clock in clocks(a)]
    assert "late" in statuses and "overdue" not in statuses


def test_the_demo_names_no_one(demo):
    assert set(Complaint.objects.values_list("complainant", flat=True)) <= {"A", "B", "C"}


def test_loading_the_demo_again_adds_nothing(demo):
    counts = (
        CaseReviewApplication.objects.count(),
        Complaint.objects.count(),
        Recommendation.objects.count(),
    )
    load_western_suffolk()
    assert (
        CaseReviewApplication.objects.count(),
        Complaint.objects.count(),
        Recommendation.objects.count(),
    ) == counts
