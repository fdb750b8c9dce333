"""Fixtures of the panels' tests: the demo's two panels and the member of the ASB forum only
(the "member of another panel" of the permission table)."""

from __future__ import annotations

import pytest

from cspmonitor.accounts.models import User
from cspmonitor.demo.panels_loader import FORUM_MEMBER
from cspmonitor.panels.models import Panel


@pytest.fixture
def mace(demo) -> Panel:
    return Panel.objects.get(partnership=demo.partnership, kind=Panel.Kind.CRIMINAL_EXPLOITATION)


@pytest.fixture
def forum(demo) -> Panel:
    return Panel.objects.get(partnership=demo.partnership, kind=Panel.Kind.HIGH_RISK_ASB)


@pytest.fixture
def forum_member(demo) -> User:
    return User.objects.get(email=FORUM_MEMBER[0])
