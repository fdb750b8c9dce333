"""The legal status of a rule, and the partnership's own settings that rules read.

Law is not in force because it was passed: a section of an Act may wait years for a
commencement order, and guidance may be consulted on and never issued. So every rule set, and
every statutory obligation or provision in ``sets/*.toml``, says which of three it is:

* **in force** from a commencement date, with the source of that date (a commencement order, a
  circular, the guidance's own date);
* **prospective**: passed but not (known to be) commenced. It is shown, so officers see what is
  coming, but never applied to a new case until an officer records its commencement, with the
  date and the source (`Configuration.commenced`);
* **local choice**: the partnership's own rule, stricter than or beside the law, from the date it
  was adopted if known.

A `Configuration` holds what differs between partnerships: the name of the body that quality
assures homicide reviews (the Home Office panel today; a new oversight board was announced in
2025), the local policing body (a Police and Crime Commissioner today; a mayor or a policing and
crime board once commissioners are abolished), the event each configurable clock starts from,
and the commencements officers have recorded.

Plain Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

IN_FORCE = "in_force"
PROSPECTIVE = "prospective"
LOCAL_CHOICE = "local_choice"
#: Every legal status a rule can have, with how it reads.
STATUS_LABELS = {
    IN_FORCE: "In force",
    PROSPECTIVE: "Prospective: not yet in force",
    LOCAL_CHOICE: "Local choice",
}

#: Who quality assures homicide reviews, and who the local policing body is, unless set otherwise.
DEFAULT_QA_BODY = "Home Office Quality Assurance Panel"
DEFAULT_LOCAL_POLICING_BODY = "Police and Crime Commissioner"


@dataclass(frozen=True)
class LegalStatus:
    """Whether a rule is in force (``since`` its commencement), prospective or a local choice.

    ``source`` names where the status comes from (the commencement order, the circular, the
    partnership's decision); ``enacted`` is when a prospective rule was passed, for information
    only; ``note`` says what is still to be confirmed.
    """

    kind: str
    source: str
    since: dt.date | None = None
    enacted: dt.date | None = None
    note: str = ""

    @property
    def label(self) -> str:
        """The status in words.

        >>> LegalStatus(IN_FORCE, "SI 2014/2590", since=dt.date(2014, 10, 20)).label
        'In force from 20 October 2014'
        >>> LegalStatus(PROSPECTIVE, "Victims and Prisoners Act 2024 s19").label
        'Prospective: not yet in force'
        """
        words = STATUS_LABELS[self.kind]
        if self.since is not None and self.kind != PROSPECTIVE:
            words += f" from {self.since.day} {self.since:%B %Y}"
        return words

    @property
    def is_prospective(self) -> bool:
        return self.kind == PROSPECTIVE

    def applies_on(self, day: dt.date, commenced: dt.date | None = None) -> bool:
        """True when a rule with this status applies to a case starting on ``day``.

        A prospective rule applies only from the commencement an officer recorded (``commenced``);
        the others from ``since`` (always, when no date is known).

        >>> prospective = LegalStatus(PROSPECTIVE, "Act s19", enacted=dt.date(2024, 5, 24))
        >>> today, recorded = dt.date(2026, 12, 3), dt.date(2026, 12, 1)
        >>> prospective.applies_on(today), prospective.applies_on(today, commenced=recorded)
        (False, True)
        """
        if self.kind == PROSPECTIVE:
            return commenced is not None and commenced <= day
        return self.since is None or self.since <= day

    def starts(self, commenced: dt.date | None = None) -> dt.date | None:
        """The first day the rule applies: its commencement (recorded, for a prospective rule)."""
        return commenced if self.kind == PROSPECTIVE else self.since


def read_status(
    data: Any, fail: Callable[[str, str], NoReturn], default: LegalStatus | None = None
) -> LegalStatus:
    """The `LegalStatus` in a ``status`` table of a TOML file; ``fail(key, message)`` reports a
    key that does not fit. Without a table, ``default`` (an error when there is none).

    Keys: ``kind`` (in_force, prospective, local_choice), ``source`` (text), ``since`` and
    ``enacted`` (dates), ``note`` (text). An in-force rule needs ``since``; a prospective one
    must not have it (its commencement is recorded by an officer, not assumed).
    """
    if data is None:
        if default is None:
            fail("", "missing (a [status] table: kind, source and, when in force, since)")
        return default
    if not isinstance(data, dict):
        fail("", "must be a table")
    allowed = ("kind", "source", "since", "enacted", "note")
    for key, value in data.items():
        if key not in allowed:
            fail(key, f"unknown key (expected one of: {', '.join(allowed)})")
        is_date = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        if key in ("since", "enacted") and not is_date:
            fail(key, f"must be a date written like 2016-12-01, not {value!r}")
        if key not in ("since", "enacted") and not isinstance(value, str):
            fail(key, f"must be text, not {value!r}")
    kind = data.get("kind", "")
    if kind not in STATUS_LABELS:
        fail("kind", f"{kind!r} is not one of {', '.join(STATUS_LABELS)}")
    if not str(data.get("source", "")).strip():
        fail("source", "missing (where the status comes from: a commencement order, a circular, a decision)")
    if kind == IN_FORCE and "since" not in data:
        fail("since", "missing (the date the rule came into force)")
    if kind == PROSPECTIVE and "since" in data:
        fail("since", "a prospective rule has no commencement date until an officer records one")
    return LegalStatus(
        kind=kind,
        source=" ".join(data["source"].split()),
        since=data.get("since"),
        enacted=data.get("enacted"),
        note=" ".join(data.get("note", "").split()),
    )


@dataclass(frozen=True)
class Configuration:
    """What differs between partnerships in how the rules read.

    ``clock_starts`` maps ``"<kind>.<stage>"`` (like ``"asb.decide"``) to the event that stage's
    clock starts from, one of the events the stage allows (``starts_from_options``).
    ``commenced`` maps the key of a prospective rule (a rule set's ``"<kind>-<version>"``, an
    obligation's ``"obligations.<key>"``, a provision's ``"<kind>-<version>.<key>"``) to the
    date an officer recorded it came into force.
    """

    qa_body: str = DEFAULT_QA_BODY
    local_policing_body: str = DEFAULT_LOCAL_POLICING_BODY
    clock_starts: Mapping[str, str] = field(default_factory=dict)
    commenced: Mapping[str, dt.date] = field(default_factory=dict)

    def words(self, text: str) -> str:
        """``text`` with ``{qa_body}`` and ``{local_policing_body}`` filled in.

        >>> mayor = Configuration(local_policing_body="Mayor of Greater Manchester")
        >>> mayor.words("Send it to the {local_policing_body}")
        'Send it to the Mayor of Greater Manchester'
        """
        return text.replace("{qa_body}", self.qa_body).replace(
            "{local_policing_body}", self.local_policing_body
        )


DEFAULT = Configuration()
