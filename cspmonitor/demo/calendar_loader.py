"""Load the Western Suffolk statutory calendar: its facts and its responsible officers. Idempotent.

The date of the last scrutiny is the seed's own: the 2022-23 monitoring report went to the
Overview and Scrutiny Committee on 21 September 2023. Who is responsible for what is
illustrative.
"""

from __future__ import annotations

import datetime as dt

from cspmonitor.accounts.models import User
from cspmonitor.reviews.duties.models import CalendarSettings, ObligationOwner

LAST_SCRUTINY = dt.date(2023, 9, 21)
OFFICER = "officer@western-suffolk.example"
ADMINISTRATOR = "admin@western-suffolk.example"
#: (duty key, the responsible officer's email); the Serious Violence Duty strategy is left
#: without one, to show how the calendar says so.
OWNERS = [
    ("strategic_assessment", ADMINISTRATOR),
    ("partnership_plan", ADMINISTRATOR),
    ("plan_to_pcc", ADMINISTRATOR),
    ("public_meeting", OFFICER),
    ("scrutiny", OFFICER),
    ("information_sharing", OFFICER),
    ("asb_case_review_figures", OFFICER),
    ("dhr", OFFICER),
    ("asb", OFFICER),
    ("svd", OFFICER),
]


def load_calendar(partnership) -> None:
    CalendarSettings.objects.update_or_create(
        partnership=partnership, defaults={"last_scrutiny": LAST_SCRUTINY}
    )
    users = {u.email: u for u in User.objects.filter(email__in={email for _key, email in OWNERS})}
    for key, email in OWNERS:
        ObligationOwner.objects.update_or_create(
            partnership=partnership, key=key, defaults={"user": users[email]}
        )
