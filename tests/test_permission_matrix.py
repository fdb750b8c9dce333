"""Every URL × every persona gets exactly the expected status code.

Anonymous visitors are sent to sign in; outsiders (members of another
partnership) get 404, so they cannot even learn what exists; members without
the right role get 403. OFFICIAL-SENSITIVE records are 404 to anyone not cleared.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.activity.models import Campaign, Referral, TrainingSession
from cspmonitor.crime.models import Assessment
from cspmonitor.partnership.models import Group, Meeting, Organisation
from cspmonitor.plans.models import Action, Priority
from tests.conftest import sign_in
from tests.personas import PERSONAS, expected_statuses, sign_in_as

# fmt: off
#                                 anon admin officer lead panel viewer outsider
MATRIX = {
    "home":                       (200, 302, 302, 302, 302, 302, 302),
    "accessibility":              (200, 200, 200, 200, 200, 200, 200),
    "cookies":                    (200, 200, 200, 200, 200, 200, 200),
    "overview":                   (302, 200, 200, 200, 200, 200, 404),
    "districts_geojson":          (302, 200, 200, 200, 200, 200, 404),
    "organisation_create":        (302, 200, 200, 403, 403, 403, 404),
    "organisation_edit_police":   (302, 200, 200, 200, 403, 403, 404),
    "organisation_edit_council":  (302, 200, 200, 403, 403, 403, 404),
    "group_create":               (302, 200, 200, 403, 403, 403, 404),
    "group":                      (302, 200, 200, 200, 200, 200, 404),
    "group_edit":                 (302, 200, 200, 403, 403, 403, 404),
    "meeting_create":             (302, 200, 200, 403, 403, 403, 404),
    "meeting_official":           (302, 200, 200, 200, 200, 200, 404),
    "meeting_sensitive":          (302, 200, 200, 404, 200, 404, 404),
    "meeting_edit_official":      (302, 200, 200, 403, 403, 403, 404),
    "meeting_edit_sensitive":     (302, 200, 200, 403, 403, 403, 404),
    "access_log":                 (302, 200, 403, 403, 403, 403, 404),
    "admin":                      (302, 403, 403, 403, 403, 403, 403),
    "assessments":                (302, 200, 200, 200, 200, 200, 404),
    "assessment_queued":          (302, 200, 200, 200, 200, 200, 404),
    "assessment_status":          (302, 200, 200, 200, 200, 200, 404),
    "dashboard":                  (302, 200, 200, 200, 200, 200, 404),
    "dashboard_chart":            (302, 200, 200, 200, 200, 200, 404),
    "changes":                    (302, 200, 200, 200, 200, 200, 404),
    "export":                     (302, 200, 200, 200, 200, 200, 404),
    "priority":                   (302, 200, 200, 200, 200, 200, 404),
    "priority_chart":             (302, 200, 200, 200, 200, 200, 404),
    "priority_create":            (302, 200, 200, 403, 403, 403, 404),
    "priority_edit":              (302, 200, 200, 403, 403, 403, 404),
    "objective_create":           (302, 200, 200, 403, 403, 403, 404),
    "objective_edit":             (302, 200, 200, 403, 403, 403, 404),
    "action_police":              (302, 200, 200, 200, 200, 200, 404),
    "action_sensitive":           (302, 200, 200, 404, 200, 404, 404),  # follows a restricted DHR
    "action_declassify_sensitive": (302, 200, 200, 403, 403, 403, 404),
    "action_create":              (302, 200, 200, 403, 403, 403, 404),
    "action_edit_police":         (302, 200, 200, 403, 403, 403, 404),
    "update_create_police":       (302, 200, 200, 200, 403, 403, 404),
    "update_create_council":      (302, 200, 200, 403, 403, 403, 404),
    "action_history_police":      (302, 200, 200, 403, 403, 403, 404),
    "outputs":                    (302, 200, 200, 200, 200, 200, 404),
    "services":                   (302, 200, 200, 200, 200, 200, 404),
    "output_create":              (302, 200, 200, 200, 403, 403, 404),
    "output_edit_police":         (302, 200, 200, 200, 403, 403, 404),
    "output_edit_council":        (302, 200, 200, 403, 403, 403, 404),
    "output_edit_sensitive":      (302, 200, 200, 404, 403, 404, 404),
    "returns":                    (302, 200, 200, 200, 403, 403, 404),
    "return_police":              (302, 200, 200, 200, 403, 403, 404),
    "return_council":             (302, 200, 200, 403, 403, 403, 404),
    "return_template_police":     (302, 200, 200, 200, 403, 403, 404),
    "return_template_council":    (302, 200, 200, 403, 403, 403, 404),
    "return_upload_police":       (302, 405, 405, 405, 403, 403, 404),
    "return_confirm_police":      (302, 302, 302, 302, 403, 403, 404),
    "return_withdraw_police":     (302, 405, 405, 405, 403, 403, 404),
    "output_delete_police":       (302, 200, 200, 200, 403, 403, 404),
    "output_delete_council":      (302, 200, 200, 403, 403, 403, 404),
    "plans":                      (302, 200, 200, 200, 200, 200, 404),
    "plan":                       (302, 200, 200, 200, 200, 200, 404),
    "plan_create":                (302, 200, 200, 403, 403, 403, 404),
    "plan_edit":                  (302, 200, 200, 403, 403, 403, 404),
    "plan_refresh":               (302, 200, 200, 403, 403, 403, 404),
    "year_in_view":               (302, 405, 405, 403, 403, 403, 404),
}
# fmt: on


def _url(name: str, partnership) -> str:
    slug = partnership.slug
    orgs = Organisation.objects.filter(partnership=partnership)
    partnership_group = Group.objects.get(partnership=partnership, kind=Group.Kind.PARTNERSHIP)
    official = Meeting.objects.filter(group__partnership=partnership, classification="official").first()
    queued, _ = Assessment.objects.get_or_create(partnership=partnership, year="2022-23")
    sensitive = Meeting.objects.filter(
        group__partnership=partnership, classification="official-sensitive"
    ).first()
    prevent = Priority.objects.for_partnership(partnership).get(title="Prevent")
    led = Action.objects.for_partnership(partnership)
    police_action = led.filter(lead_organisation__name="Suffolk Constabulary").first()
    council_action = led.filter(lead_organisation__name="West Suffolk Council").first()
    vawg5 = led.get(reference="VAWG-5")
    plan = {
        "dashboard": reverse("plans:dashboard", args=[slug]),
        "dashboard_chart": reverse("plans:dashboard_chart", args=[slug]),
        "changes": reverse("plans:changes", args=[slug]),
        "export": reverse("plans:export", args=[slug, "actions"]),
        "priority": prevent.get_absolute_url(),
        "priority_chart": reverse("plans:priority_chart", args=[slug, prevent.pk]),
        "priority_create": reverse("plans:priority_create", args=[slug]),
        "priority_edit": reverse("plans:priority_edit", args=[slug, prevent.pk]),
        "objective_create": reverse("plans:objective_create", args=[slug]),
        "objective_edit": reverse("plans:objective_edit", args=[slug, prevent.objectives.first().pk]),
        "action_police": police_action.get_absolute_url(),
        "action_sensitive": vawg5.get_absolute_url(),
        "action_declassify_sensitive": reverse("plans:action_declassify", args=[slug, vawg5.pk]),
        "action_create": reverse("plans:action_create", args=[slug]),
        "action_edit_police": reverse("plans:action_edit", args=[slug, police_action.pk]),
        "update_create_police": reverse("plans:update_create", args=[slug, police_action.pk]),
        "update_create_council": reverse("plans:update_create", args=[slug, council_action.pk]),
        "action_history_police": reverse("plans:action_history", args=[slug, police_action.pk]),
        "plans": reverse("plans:plans", args=[slug]),
        "plan": prevent.plan.get_absolute_url(),
        "plan_create": reverse("plans:plan_create", args=[slug]),
        "plan_edit": reverse("plans:plan_edit", args=[slug, prevent.plan.pk]),
        "plan_refresh": reverse("plans:plan_refresh", args=[slug, prevent.plan.pk, "2023-24"]),
    }
    police = orgs.get(name="Suffolk Constabulary")
    council = orgs.get(name="West Suffolk Council")
    police_campaign = Campaign.objects.filter(organisation=police).first()
    council_training = TrainingSession.objects.filter(organisation=council).first()
    sensitive_output = Referral.objects.filter(
        organisation=police, classification="official-sensitive"
    ).first()
    quarter = "2022-23-Q2"
    activity = {
        "outputs": reverse("activity:outputs", args=[slug]),
        "services": reverse("activity:services", args=[slug]),
        "output_create": reverse("activity:output_create", args=[slug, "training"]),
        "output_edit_police": reverse("activity:output_edit", args=[slug, "campaigns", police_campaign.pk]),
        "output_edit_council": reverse("activity:output_edit", args=[slug, "training", council_training.pk]),
        "output_edit_sensitive": reverse(
            "activity:output_edit", args=[slug, "referrals", sensitive_output.pk]
        ),
        "returns": reverse("activity:returns", args=[slug]),
        "return_police": reverse("activity:return", args=[slug, police.pk, quarter]),
        "return_council": reverse("activity:return", args=[slug, council.pk, quarter]),
        "return_template_police": reverse("activity:return_template", args=[slug, police.pk, quarter]),
        "return_template_council": reverse("activity:return_template", args=[slug, council.pk, quarter]),
        "return_upload_police": reverse("activity:return_upload", args=[slug, police.pk, quarter]),
        "return_confirm_police": reverse("activity:return_confirm", args=[slug, police.pk, quarter]),
        "return_withdraw_police": reverse("activity:return_withdraw", args=[slug, police.pk, quarter]),
        "output_delete_police": reverse(
            "activity:output_delete", args=[slug, "campaigns", police_campaign.pk]
        ),
        "output_delete_council": reverse(
            "activity:output_delete", args=[slug, "training", council_training.pk]
        ),
    }
    if name in plan:
        return plan[name]
    if name in activity:
        return activity[name]
    return {
        "home": reverse("home"),
        "accessibility": reverse("accessibility"),
        "cookies": reverse("cookies"),
        "overview": reverse("partnership:overview", args=[slug]),
        "districts_geojson": reverse("partnership:districts_geojson", args=[slug]),
        "year_in_view": reverse("partnership:year_in_view", args=[slug]),
        "access_log": reverse("partnership:access_log", args=[slug]),
        "organisation_create": reverse("partnership:organisation_create", args=[slug]),
        "organisation_edit_police": reverse(
            "partnership:organisation_edit", args=[slug, orgs.get(name="Suffolk Constabulary").pk]
        ),
        "organisation_edit_council": reverse(
            "partnership:organisation_edit", args=[slug, orgs.get(name="West Suffolk Council").pk]
        ),
        "group_create": reverse("partnership:group_create", args=[slug]),
        "group": reverse("partnership:group", args=[slug, partnership_group.pk]),
        "group_edit": reverse("partnership:group_edit", args=[slug, partnership_group.pk]),
        "meeting_create": reverse("partnership:meeting_create", args=[slug]),
        "meeting_official": reverse("partnership:meeting", args=[slug, official.pk]),
        "meeting_sensitive": reverse("partnership:meeting", args=[slug, sensitive.pk]),
        "meeting_edit_official": reverse("partnership:meeting_edit", args=[slug, official.pk]),
        "meeting_edit_sensitive": reverse("partnership:meeting_edit", args=[slug, sensitive.pk]),
        "admin": reverse("admin:index"),
        "assessments": reverse("crime:assessments", args=[slug]),
        "assessment_queued": queued.get_absolute_url(),
        "assessment_status": reverse("crime:assessment_status", args=[slug, queued.pk]),
    }[name]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status_on_every_url(client, demo, persona):
    sign_in_as(client, demo, persona)
    got = {name: client.get(_url(name, demo.partnership)).status_code for name in MATRIX}
    assert got == expected_statuses(MATRIX, persona)


@pytest.mark.parametrize("app", ["partnership", "plans", "activity"])
def test_the_matrix_covers_every_url_of_each_app(app):
    from importlib import import_module

    urlpatterns = import_module(f"cspmonitor.{app}.urls").urlpatterns
    covered = {
        name.split("_official")[0].split("_sensitive")[0].removesuffix("_police").removesuffix("_council")
        for name in MATRIX
    }
    assert {pattern.name for pattern in urlpatterns} <= covered


def test_an_outsider_sees_nothing_of_the_partnership(client, demo):
    sign_in(client, demo.outsider)
    for name in MATRIX:
        body = client.get(_url(name, demo.partnership)).content.decode()
        assert "Western Suffolk" not in body, name
        assert "Suffolk Constabulary" not in body, name


def test_a_cleared_person_without_the_second_step_is_sent_to_it_from_every_page(client, demo):
    sign_in(client, demo.officer, second_factor=False)
    for name in ["overview", "group", "meeting_sensitive", "organisation_create", "admin"]:
        response = client.get(_url(name, demo.partnership))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:two_factor")), name
