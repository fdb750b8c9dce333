"""Every URL of the accounts app × every persona (signed in with both factors where their role
needs it): the accounts app's table of the URL permission matrix. The pages of a half-signed-in
session (password only) are attacked in tests/accounts/test_password_only_attack.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.personas import PERSONAS, expected_statuses, sign_in_as

# fmt: off
#                               anon admin officer lead panel viewer outsider
MATRIX = {
    "sign_in":                  (200, 302, 302, 302, 302, 302, 302),  # the signed-in are sent on
    "sign_out":                 (405, 405, 405, 405, 405, 405, 405),  # POST only
    "two_factor":               (302, 302, 302, 302, 302, 302, 302),
    "two_factor_setup":         (302, 200, 200, 200, 200, 200, 200),
    "password_reset":           (200, 200, 200, 200, 200, 200, 200),
    "password_reset_done":      (200, 200, 200, 200, 200, 200, 200),
    "password_reset_confirm":   (200, 200, 200, 200, 200, 200, 200),  # a made-up link: "not valid"
    "password_reset_complete":  (200, 200, 200, 200, 200, 200, 200),
}
# fmt: on


def _url(name: str) -> str:
    if name == "password_reset_confirm":
        return reverse(f"accounts:{name}", args=["MQ", "not-a-token"])
    return reverse(f"accounts:{name}")


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_expected_status_on_every_accounts_url(client, demo, persona):
    sign_in_as(client, demo, persona)
    got = {name: client.get(_url(name)).status_code for name in MATRIX}
    assert got == expected_statuses(MATRIX, persona)


def test_the_matrix_covers_every_accounts_url_and_nothing_else():
    from cspmonitor.accounts.urls import urlpatterns

    assert {p.name for p in urlpatterns} == set(MATRIX)
