"""Every panels URL × every persona, plus a member of another panel, gets exactly the expected
status (rows for the project's permission matrix).

Need to know: a panel's case work is seen only by the people sitting on it. The demo officer
sits on both panels, the demo panel member on the MACE panel only, and the forum member on the
high-risk ASB forum only; the administrator is cleared but sits on neither, so sees neither.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspmonitor.panels import urls
from cspmonitor.panels.models import PanelAccessLog
from tests.conftest import sign_in
from tests.personas import PERSONAS, sign_in_as

COLUMNS = [*PERSONAS, "forum_member"]

# fmt: off
#                         anon admin officer lead panel viewer outsider forum
MATRIX = {
    "list":               (302, 200, 200, 200, 200, 200, 404, 200),
    "locations":          (302, 200, 200, 200, 200, 200, 404, 200),
    "panel":              (302, 404, 200, 404, 200, 404, 404, 404),
    "refer":              (302, 404, 200, 404, 200, 404, 404, 404),
    "actions":            (302, 404, 200, 404, 200, 404, 404, 404),
    "action_done":        (302, 404, 405, 404, 405, 404, 404, 404),
    "meeting_create":     (302, 404, 200, 404, 200, 404, 404, 404),
    "meeting":            (302, 404, 200, 404, 200, 404, 404, 404),
    "minute":             (302, 404, 200, 404, 200, 404, 404, 404),
    "case":               (302, 404, 200, 404, 200, 404, 404, 404),
    "risk":               (302, 404, 200, 404, 200, 404, 404, 404),
    "close":              (302, 404, 200, 404, 200, 404, 404, 404),
    "disclosure":         (302, 404, 200, 404, 200, 404, 404, 404),
    "export":             (302, 404, 200, 404, 200, 404, 404, 404),
    # The high-risk ASB forum: the forum member sees it, the MACE panel member does not.
    "forum:panel":        (302, 404, 200, 404, 404, 404, 404, 200),
    "forum:case":         (302, 404, 200, 404, 404, 404, 404, 200),
    "forum:meeting":      (302, 404, 200, 404, 404, 404, 404, 200),
}
# fmt: on


def _url(name: str, mace, forum) -> str:
    panel = forum if name.startswith("forum:") else mace
    name = name.removeprefix("forum:")
    case = panel.cases.open().order_by("reference").first()
    meeting = panel.meetings.first()
    args: list = [panel.partnership.slug]
    if name not in ("list", "locations"):
        args.append(panel.pk)
    if name in ("case", "risk", "close", "disclosure", "export"):
        args.append(case.pk)
    if name in ("meeting", "minute"):
        args.append(meeting.pk)
    if name == "minute":
        args.append(case.pk)
    if name == "action_done":
        args.append(case.actions.filter(completed_on__isnull=True).first().pk)
    return reverse(f"panels:{name}", args=args)


def _sign_in(client, demo, forum_member, persona: str) -> None:
    if persona == "forum_member":
        sign_in(client, forum_member)
    else:
        sign_in_as(client, demo, persona)


@pytest.mark.parametrize("persona", COLUMNS)
def test_each_persona_gets_exactly_the_expected_status_on_every_url(
    client, demo, mace, forum, forum_member, persona
):
    _sign_in(client, demo, forum_member, persona)
    got = {name: client.get(_url(name, mace, forum)).status_code for name in MATRIX}
    column = COLUMNS.index(persona)
    assert got == {name: statuses[column] for name, statuses in MATRIX.items()}


def test_the_matrix_covers_every_url():
    assert {pattern.name for pattern in urls.urlpatterns} <= {name.removeprefix("forum:") for name in MATRIX}
    assert {pattern.name for pattern in urls.urlpatterns} == {n for n in MATRIX if ":" not in n}


def test_a_member_of_another_panel_learns_nothing_of_its_cases(client, demo, mace, forum, forum_member):
    sign_in(client, forum_member)
    for name in MATRIX:
        if not name.startswith("forum:") and name != "list":
            body = client.get(_url(name, mace, forum)).content.decode()
            assert "WS-MACE" not in body and "Demo Person" not in body, name


def test_it_logs_every_look_by_a_member_and_none_by_anyone_else(client, demo, mace, forum, forum_member):
    sign_in(client, demo.panel_member)
    before = PanelAccessLog.objects.count()
    looks = [
        name for name in MATRIX if MATRIX[name][PERSONAS.index("panel_member")] == 200 and name != "list"
    ]
    for name in looks:
        client.get(_url(name, mace, forum))
    rows = PanelAccessLog.objects.filter(email=demo.panel_member.email)
    assert rows.count() - before == len(looks) and len(looks) == 12
    assert set(rows.values_list("panel_id", flat=True)) == {mace.pk}
    sign_in(client, forum_member)
    client.get(_url("case", mace, forum))
    assert not PanelAccessLog.objects.filter(email=forum_member.email).exists()
