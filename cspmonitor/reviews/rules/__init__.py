"""The rules behind statutory review deadlines and the partnership's statutory calendar.

Plain Python: this package never imports Django, so the rules can be tested and reused on their
own; the review apps call it, never the reverse.

* `workdays`: working days in England and Wales (bank holidays from ``holidays``) and months.
* `rulesets`: versioned rule sets (stages, timescales, the ASB threshold) read from ``sets/*.toml``.
* `clocks`: when each stage is due, given the events recorded and any pauses, and its status.
* `calendar`: a financial year's recurring statutory obligations, as iCalendar and CSV.
"""

from cspmonitor.reviews.rules.clocks import Deadline, Pause, days_left, deadlines, is_due_soon
from cspmonitor.reviews.rules.rulesets import (
    Alternative,
    Event,
    PauseReason,
    RuleSet,
    RuleSetError,
    Stage,
    Threshold,
    current_ruleset,
    load_ruleset,
    rulesets,
)
from cspmonitor.reviews.rules.workdays import add_days, add_working_days, is_working_day, working_days_between

__all__ = [
    "Alternative",
    "Deadline",
    "Event",
    "Pause",
    "PauseReason",
    "RuleSet",
    "RuleSetError",
    "Stage",
    "Threshold",
    "add_days",
    "add_working_days",
    "current_ruleset",
    "days_left",
    "deadlines",
    "is_due_soon",
    "is_working_day",
    "load_ruleset",
    "rulesets",
    "working_days_between",
]
