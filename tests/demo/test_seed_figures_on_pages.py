"""Every figure the 2022/23 Western Suffolk report counts can be read on the demo's pages.

(tests/plans/test_export_plan_command.py reads the same figures back from the CSV export.)
"""

from __future__ import annotations

import pytest

from cspmonitor.plans.models import Priority
from tests.conftest import sign_in

# (priority page, text a reader finds there)
FIGURES = [
    ("Criminal exploitation", "Criminal exploitation awareness: 15 staff"),
    ("Criminal exploitation", "Criminal exploitation awareness: 20 school staff"),
    ("Prevent", "Prevent duty training: 43 staff"),
    ("Prevent", "84 parents and carers"),
    ("Prevent", "Online Radicalisation and Extremism Conference: over 110 attending"),
    ("Violence against women and girls", "Target hardening: 5 properties in West Suffolk"),
    ("Violence against women and girls", "1,250 champions trained (Across Suffolk)"),
    ("Violence against women and girls", "8 staff trained as champions (West Suffolk Council staff)"),
    ("Hate crime", "18 applications from Suffolk, 59 people nominated"),
    ("Hate crime", "3 applications from West Suffolk"),
]


@pytest.mark.parametrize(("priority", "text"), FIGURES)
def test_the_figure_is_on_its_prioritys_page(client, demo, priority, text):
    sign_in(client, demo.viewer)
    page = Priority.objects.for_partnership(demo.partnership).get(title=priority).get_absolute_url()
    assert text in client.get(page).content.decode()


def test_fraud_shows_as_adopted_mid_year_by_the_partnership(client, demo):
    sign_in(client, demo.viewer)
    fraud = Priority.objects.for_partnership(demo.partnership).get(title="Fraud")
    body = client.get(fraud.get_absolute_url()).content.decode()
    assert "12 July 2022 by Western Suffolk Community Safety Partnership" in body
    assert "Adopted mid-year" in body


def test_the_directory_lists_the_eleven_commissioned_services_the_report_names(client, demo):
    from django.urls import reverse

    sign_in(client, demo.viewer)
    body = client.get(reverse("activity:services", args=[demo.partnership.slug])).content.decode()
    for provider in [
        "Anglia Care Trust",
        "Bury St Edmunds Women",
        "Norfolk and Suffolk Victim Care",
        "Leeway",
        "Survivors in Transition",
        "Restitute",
        "Suffolk Rape Crisis",
        "Brave Futures",
        "The Ferns",
        "Ministry of Justice",
        "Domestic Abuse Link Worker",
    ]:
        assert provider in body, provider
