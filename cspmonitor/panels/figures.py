"""The panels' anonymous figures for a financial year: referrals by quarter and referring
organisation, risk levels at referral, and outcomes of the cases closed.

Every figure is counted from fields the retention task keeps (dates, organisations, risk levels,
outcomes), so the figures are the same before and after personal details are erased.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cspmonitor.panels.models import Case, Panel, RiskAssessment
from cspmonitor.periods import FinancialYear, Quarter


@dataclass(frozen=True)
class PanelFigures:
    panel: str
    kind: str
    #: (referring organisation, quarter number 1-4) → referrals
    referrals: dict[tuple[str, int], int]
    #: risk level label at referral → cases referred in the year
    risk_at_referral: dict[str, int]
    #: outcome label → cases closed in the year
    outcomes: dict[str, int]

    @property
    def sources(self) -> list[str]:
        return sorted({source for source, _ in self.referrals})


def _first_risk(case: Case) -> str:
    # The risk at referral is the earliest assessment; a case without one counts at its current level.
    first = min(case.risk_history.all(), key=lambda r: (r.assessed_on, r.pk), default=None)
    return (first or RiskAssessment(level=case.risk)).get_level_display()


def panel_figures(partnership, year: FinancialYear) -> list[PanelFigures]:
    """One `PanelFigures` per panel of ``partnership`` with any referral or closure in ``year``."""
    found = []
    for panel in Panel.objects.filter(partnership=partnership).order_by("name"):
        referred = list(
            panel.cases.filter(referred_on__range=(year.start, year.end))
            .select_related("referred_by")
            .prefetch_related("risk_history")
        )
        closed = panel.cases.filter(closed_on__range=(year.start, year.end))
        if not referred and not closed.exists():
            continue
        found.append(
            PanelFigures(
                panel=panel.name,
                kind=panel.kind,
                referrals=dict(
                    Counter((c.referred_by.name, Quarter.containing(c.referred_on).number) for c in referred)
                ),
                risk_at_referral=dict(Counter(_first_risk(c) for c in referred)),
                outcomes=dict(Counter(c.get_outcome_display() for c in closed)),
            )
        )
    return found
