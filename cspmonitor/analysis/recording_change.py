"""Tell a change in how something is recorded from a change in how often it happens.

A force that stops recording a kind of incident as a police.uk row, or starts to, makes its
monthly volume collapse or jump in one step and stay there: City of London's anti-social
behaviour went from about 100 rows a month in 2019 to 5 in 2025. Reporting that as a 95 % fall
would be wrong. A real change in crime moves gradually and overlaps the months before it.

The signature looked for, over a category's monthly counts in month order:

* a step: some month splits the series into a before and an after of at least ``min_months``
  months each, whose medians differ by a factor of at least ``factor`` (5 by default);
* in one go, and it holds: every month on the high side is at least the square root of
  ``factor`` (about 2.2) times every month on the low side, so the two levels are apart with
  no months on the way down (or up) between them. A fall over several months (100, 60, 40,
  25, 15) fails this, and stays a fall.

Of the splits that qualify, the one with the widest gap between the levels is reported.

A category with that signature is flagged ``possible recording change`` (`POSSIBLE_RECORDING_CHANGE`)
and its change worded that way, never as a fall or rise; `wording` applies it to a year-on-year
wording. The flag is a prompt to ask the force, not a finding.

Plain Python: no Django imports.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

POSSIBLE_RECORDING_CHANGE = "possible recording change"


@dataclass(frozen=True)
class RecordingChange:
    """A step in a monthly series with the signature of a recording change."""

    month: str  # the first month at the new level
    before: float  # median monthly count before the step
    after: float  # median monthly count from it
    direction: str  # "collapse" or "jump"

    @property
    def ratio(self) -> float:
        return self.after / self.before if self.before else float("inf")

    def describe(self) -> str:
        return (
            f"{POSSIBLE_RECORDING_CHANGE}: about {self.before:g} a month before {self.month} and "
            f"{self.after:g} from it, in one step"
        )


def find_recording_change(
    series: Mapping[str, int], *, factor: float = 5.0, min_months: int = 3
) -> RecordingChange | None:
    """The step in ``series`` (month -> count) with a recording-change signature, or None.

    >>> counts = [98, 103, 95, 110, 101, 99, 6, 4, 5, 7, 5, 3]
    >>> months = {f"2019-{m:02d}": n for m, n in zip(range(1, 13), counts)}
    >>> find_recording_change(months).describe()
    'possible recording change: about 100 a month before 2019-07 and 5 from it, in one step'
    """
    if factor <= 1:
        raise ValueError(f"factor must be more than 1, not {factor}")
    months = sorted(series)
    counts = [series[m] for m in months]
    best: tuple[float, RecordingChange] | None = None
    for split in range(min_months, len(counts) - min_months + 1):
        found = _step(months[split], counts[:split], counts[split:], factor)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best[1] if best else None


def _gap(high_side: Sequence[int], low_side: Sequence[int]) -> float:
    """How many times the lowest month of the high side is the highest month of the low side."""
    top = max(low_side)
    return min(high_side) / top if top else float("inf")


def _step(
    month: str, before: Sequence[int], after: Sequence[int], factor: float
) -> tuple[float, RecordingChange] | None:
    """The gap and the change when splitting at ``month`` has the signature, else None."""
    old, new = statistics.median(before), statistics.median(after)
    apart = factor**0.5
    if new * factor <= old and (gap := _gap(before, after)) >= apart:
        return gap, RecordingChange(month, old, new, "collapse")
    if old * factor <= new and (gap := _gap(after, before)) >= apart:
        return gap, RecordingChange(month, old, new, "jump")
    return None


def wording(usual: str, series: Mapping[str, int], *, factor: float = 5.0, min_months: int = 3) -> str:
    """``usual`` (like "significant fall") unless ``series`` has a recording-change signature,
    when the change is worded `POSSIBLE_RECORDING_CHANGE` instead.

    >>> wording("significant fall", {"2024-01": 10, "2024-02": 11, "2024-03": 9, "2024-04": 10})
    'significant fall'
    """
    found = find_recording_change(series, factor=factor, min_months=min_months)
    return POSSIBLE_RECORDING_CHANGE if found else usual
