"""Erasing a closed case's personal details once its panel's retention period has passed.

What goes: the subject's personal details (the `Subject` row), the linked locations, and every
free-text field that could describe a person (why referred, the referrer's name, the basis for
sharing, the closure note, risk reasons, minutes, action wording, what a disclosure gave). What
stays, anonymous: the case reference, its panel, subject kind, referring organisation, dates,
risk levels and outcome, which the partnership's figures count; and the disclosure records'
who, when and lawful basis, which the partnership must be able to account for.

Each erasure is written to the access log. Its before and after values say *what* was erased
(how many details, which fields), never the values themselves: a log keeping them would undo
the erasure.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cspmonitor.panels.log import What, record
from cspmonitor.panels.models import Case, CaseLocation, Subject

ERASED_FIELDS = ["reason", "referrer", "consent_basis", "closure_note"]


@transaction.atomic
def erase_personal_details(case: Case, today: dt.date) -> None:
    """Erase ``case``'s personal details now (the caller checks the period has passed)."""
    had_subject = Subject.objects.filter(case=case).exists()
    locations = CaseLocation.objects.filter(case=case).count()
    Subject.objects.filter(case=case).delete()
    CaseLocation.objects.filter(case=case).delete()
    for name in ERASED_FIELDS:
        setattr(case, name, "")
    case.erased_on = today
    case.save(update_fields=[*ERASED_FIELDS, "erased_on"])
    case.risk_history.update(reasons="")
    case.minutes.update(discussion="", decision="")
    case.actions.update(description="")
    case.disclosures.update(what="", purpose="")
    record(
        None,
        case.panel,
        What.ERASED,
        "retention",
        case=case,
        before={"personal_details": had_subject, "locations": locations},
        after={
            "erased_on": str(today),
            "fields_cleared": ERASED_FIELDS + ["risk reasons", "minutes", "actions"],
        },
    )


def erase_due(today: dt.date) -> list[str]:
    """Erase every case whose retention period ended on or before ``today``; one line for each."""
    lines = []
    for case in Case.objects.due_for_erasure(today):
        erase_personal_details(case, today)
        lines.append(
            f"{case.panel}: erased the personal details of {case} (closed {case.closed_on:%-d %B %Y})"
        )
    return lines
