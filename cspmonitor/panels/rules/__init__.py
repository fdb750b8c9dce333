"""Referral criteria of the multi-agency panels. Plain Python: no Django imports, so the
criteria can be read, tested and changed on their own (like the ASB threshold's rule sets)."""

from cspmonitor.panels.rules.criteria import (
    Criteria,
    CriteriaError,
    Criterion,
    Screening,
    criteria_sets,
    load,
)

__all__ = ["Criteria", "CriteriaError", "Criterion", "Screening", "criteria_sets", "load"]
