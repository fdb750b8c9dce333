"""The law a partnership works under: commencements officers record, and the partnership's own
names and clock choices. Each case names the source it follows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cspmonitor.reviews import services
from cspmonitor.reviews.forms import DhrForm
from cspmonitor.reviews.models import DomesticHomicideReview
from cspmonitor.reviews.statutory import Commencement, StatutorySettings, configuration, prospective_choices

#: The day the law in the rule sets was last checked.
TODAY = dt.date(2026, 12, 3)


def _new_review(demo, **fields) -> DomesticHomicideReview:
    return DomesticHomicideReview.objects.create(
        partnership=demo.partnership,
        reference="WS-DHR-2026-01",
        died_on=dt.date(2026, 11, 1),
        notified_on=TODAY,
        **fields,
    )


def test_the_demos_homicide_reviews_stay_under_the_2016_guidance(demo):
    reviews = DomesticHomicideReview.objects.filter(partnership=demo.partnership)
    assert sorted((r.reference, services.ruleset_for(r).version) for r in reviews) == [
        ("WS-DHR-2020-01", "2016"),
        ("WS-DHR-2021-01", "2016"),
    ]


@pytest.mark.parametrize(
    ("site", "own", "version"),
    [
        # Victims and Prisoners Act 2024 s19 is prospective: nothing recorded, 2016 guidance.
        pytest.param(None, None, "2016", id="VPA 2024 s19 not commenced: 2016"),
        pytest.param(dt.date(2026, 12, 1), None, "2024", id="site records commencement on 1 December 2026"),
        pytest.param(None, dt.date(2026, 12, 1), "2024", id="partnership records commencement"),
        pytest.param(dt.date(2026, 12, 1), dt.date(2027, 1, 1), "2016", id="partnership's later date wins"),
    ],
)
def test_a_review_notified_today_runs_under_2016_unless_commencement_is_recorded(demo, site, own, version):
    if site:
        Commencement.objects.create(rule="dhr-2024", commenced_on=site, source="SI 2026/999 reg 2 (test)")
    if own:
        Commencement.objects.create(
            partnership=demo.partnership,
            rule="dhr-2024",
            commenced_on=own,
            source="Local legal advice (test)",
        )
    with time_machine.travel(dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)):
        review = _new_review(demo)
        assert services.ruleset_for(review).version == version
        assert services.clock(review).ruleset.version == version


def test_a_review_cannot_be_put_under_guidance_not_in_force(demo):
    review = _new_review(demo, ruleset="2024")
    with pytest.raises(ValidationError) as raised:
        review.full_clean()
    assert "record its commencement" in raised.value.message_dict["ruleset"][0]
    Commencement.objects.create(
        rule="dhr-2024", commenced_on=dt.date(2026, 12, 1), source="SI 2026/999 (test)"
    )
    review.full_clean()


def test_the_review_form_offers_prospective_guidance_only_once_commenced(demo):
    def versions():
        form = DhrForm(partnership=demo.partnership, instance=DomesticHomicideReview())
        return [value for value, _ in form.fields["ruleset"].choices]

    assert versions() == ["", "2016"]
    Commencement.objects.create(
        rule="dhr-2024", commenced_on=dt.date(2026, 12, 1), source="SI 2026/999 (test)"
    )
    assert versions() == ["", "2016", "2024"]


def test_a_commencement_names_a_rule_waiting_for_it_and_its_source(demo):
    assert dict(prospective_choices()).keys() == {
        "dhr-2024",
        "asb-default.local_policing_body_review",
        "obligations.asb_data_to_secretary_of_state",
    }
    with pytest.raises(ValidationError) as raised:
        Commencement(rule="dhr-2016", commenced_on=TODAY, source="").full_clean()
    assert set(raised.value.message_dict) == {"rule", "source"}


def test_the_partnership_names_its_quality_assurance_body_and_local_policing_body(demo, review_2021):
    StatutorySettings.objects.create(
        partnership=demo.partnership,
        qa_body="Domestic Abuse Related Death Review Oversight Board",
        local_policing_body="Suffolk Policing and Crime Board",
    )
    config = configuration(demo.partnership)
    assert config.local_policing_body == "Suffolk Policing and Crime Board"
    ruleset = services.ruleset_for(review_2021)
    assert (
        ruleset.event("submitted").label
        == "Submitted to the Domestic Abuse Related Death Review Oversight Board"
    )
