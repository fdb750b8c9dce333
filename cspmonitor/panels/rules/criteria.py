"""Does a referral meet a panel's referral criteria? Plain Python: no Django imports.

Each panel names a criteria set, a TOML file in ``sets/`` (``mace.toml``, ``asb-high-risk.toml``).
A set lists criteria, each with a key and the words referrers see, and says how many must be
met (``minimum``) and which, if any, must always be met (``required = true``). Partnerships
change the words or the minimum by editing the file, not the code; a referral keeps the keys
it was screened against, so a later change to the file does not rewrite history.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SETS_DIR = Path(__file__).resolve().parent / "sets"


class CriteriaError(ValueError):
    """A criteria file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Criterion:
    key: str
    text: str
    required: bool = False


@dataclass(frozen=True)
class Screening:
    """What the criteria made of one referral."""

    met: bool
    chosen: tuple[Criterion, ...]
    missing_required: tuple[Criterion, ...]
    explanation: str


@dataclass(frozen=True)
class Criteria:
    key: str
    title: str
    minimum: int
    criteria: tuple[Criterion, ...]

    def choices(self) -> list[tuple[str, str]]:
        return [(c.key, c.text) for c in self.criteria]

    def screen(self, keys: Iterable[str]) -> Screening:
        """Screen a referral that says it meets the criteria ``keys``.

        Unknown keys are refused loudly rather than ignored: a referral must never appear to
        meet criteria it was not checked against.
        """
        wanted = list(dict.fromkeys(keys))
        known = {c.key: c for c in self.criteria}
        unknown = [k for k in wanted if k not in known]
        if unknown:
            raise CriteriaError(f"{self.key}: unknown criteria {', '.join(unknown)}")
        chosen = tuple(known[k] for k in wanted)
        missing = tuple(c for c in self.criteria if c.required and c.key not in wanted)
        met = len(chosen) >= self.minimum and not missing
        if missing:
            why = "it does not meet " + "; ".join(c.text for c in missing)
        elif len(chosen) < self.minimum:
            why = f"it meets {len(chosen)} of the criteria and at least {self.minimum} are needed"
        else:
            why = f"it meets {len(chosen)} of the criteria (at least {self.minimum} needed)"
        return Screening(
            met=met,
            chosen=chosen,
            missing_required=missing,
            explanation=f"The referral {'meets' if met else 'does not meet'} the criteria: {why}.",
        )


def _criterion(path: Path, number: int, row: object) -> Criterion:
    if (
        not isinstance(row, dict)
        or not isinstance(row.get("key"), str)
        or not isinstance(row.get("text"), str)
    ):
        raise CriteriaError(f"{path.name}: criterion {number} needs a text 'key' and a text 'text'")
    required = row.get("required", False)
    if not isinstance(required, bool):
        raise CriteriaError(
            f"{path.name}: criterion {number} ({row['key']}): 'required' must be true or false"
        )
    return Criterion(key=row["key"], text=row["text"], required=required)


def read(path: Path) -> Criteria:
    """Read one criteria file, refusing a malformed one with a message naming the field."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    title, minimum, rows = data.get("title"), data.get("minimum", 1), data.get("criterion")
    if not isinstance(title, str) or not title:
        raise CriteriaError(f"{path.name}: 'title' must be some text")
    if not isinstance(minimum, int) or minimum < 1:
        raise CriteriaError(f"{path.name}: 'minimum' must be a whole number of at least 1 (got {minimum!r})")
    if not isinstance(rows, list) or not rows:
        raise CriteriaError(f"{path.name}: needs at least one [[criterion]]")
    criteria = tuple(_criterion(path, n, row) for n, row in enumerate(rows, start=1))
    keys = [c.key for c in criteria]
    if len(set(keys)) != len(keys):
        raise CriteriaError(f"{path.name}: each criterion's 'key' must be different")
    if minimum > len(criteria):
        raise CriteriaError(f"{path.name}: 'minimum' ({minimum}) is more than the {len(criteria)} criteria")
    return Criteria(key=path.stem, title=title, minimum=minimum, criteria=criteria)


@cache
def criteria_sets() -> dict[str, Criteria]:
    """Every criteria set held, by key (the file's name without ``.toml``)."""
    return {path.stem: read(path) for path in sorted(SETS_DIR.glob("*.toml"))}


def load(key: str) -> Criteria:
    try:
        return criteria_sets()[key]
    except KeyError:
        raise CriteriaError(f"No criteria set called {key!r}; we hold {', '.join(criteria_sets())}") from None
