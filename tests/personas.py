"""The seven personas of every permission table, in the tables' column order, and the steps each
table's test shares: sign in as a persona, and read that persona's column of expected statuses."""

from __future__ import annotations

from tests.conftest import sign_in

PERSONAS = ["anonymous", "administrator", "officer", "partner_lead", "panel_member", "viewer", "outsider"]


def sign_in_as(client, demo, persona: str) -> None:
    """Sign ``client`` in as the demo's ``persona`` (with both factors); "anonymous" stays out."""
    if persona != "anonymous":
        sign_in(client, demo.by_name(persona))


def expected_statuses(matrix: dict[str, tuple[int, ...]], persona: str) -> dict[str, int]:
    """The status each URL of ``matrix`` should give ``persona``."""
    column = PERSONAS.index(persona)
    return {name: statuses[column] for name, statuses in matrix.items()}
