"""Recording the threshold decision: met by discretion needs a reason, and the form will not
record "not met" when the complaints meet the threshold, nor "met" when they do not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import sign_in


def _url(application) -> str:
    return reverse("asb:decision", args=[application.partnership.slug, application.pk])


def _post(client, application, decision: str, reason: str = ""):
    return client.post(
        _url(application),
        {
            "decision": decision,
            "decided_on_0": "10",
            "decided_on_1": "10",
            "decided_on_2": "2022",
            "discretion_reason": reason,
        },
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("administrator", 200), ("panel_member", 403), ("viewer", 404), ("partner_lead", 404)],
)
def test_only_editors_may_record_a_decision(client, demo, asb, persona, status):
    sign_in(client, demo.by_name(persona))
    assert client.get(_url(asb("WS-ASB-2022-03"))).status_code == status


def test_met_by_discretion_is_recorded_with_its_reason(client, demo, asb):
    application = asb("WS-ASB-2022-03")
    sign_in(client, demo.officer)
    response = _post(client, application, "met_by_discretion", "A vulnerable victim living alone.")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.discretion_reason == "A vulnerable victim living alone."


def test_met_by_discretion_without_a_reason_is_refused(client, demo, asb):
    sign_in(client, demo.officer)
    response = _post(client, asb("WS-ASB-2022-03"), "met_by_discretion")
    assert response.status_code == 200
    assert "Give the reason for using discretion" in response.content.decode()


def test_not_met_is_refused_when_the_complaints_meet_the_threshold(client, demo, asb):
    sign_in(client, demo.officer)
    response = _post(client, asb("WS-ASB-2022-01"), "not_met")
    assert response.status_code == 200
    assert "must be treated as met" in response.content.decode()
    assert asb("WS-ASB-2022-01").decision == "met"


def test_met_is_refused_when_the_complaints_do_not_meet_the_threshold(client, demo, asb):
    sign_in(client, demo.officer)
    response = _post(client, asb("WS-ASB-2022-02"), "met")
    assert "choose met by discretion" in response.content.decode()
    assert asb("WS-ASB-2022-02").decision == "not_met"
