"""The Western Suffolk CSP plan 2022–25 and its 2022/23 monitoring, as demo data.

Facts and figures come from the partnership's 2022/23 monitoring report (sections 1.3–1.6
and 2.1–2.9); every sentence is our own. Where the report gives no figure or date and the
model needs one, the value is marked illustrative in its notes. Plain structures only:
cspmonitor.demo.plan_loader turns them into records.
"""

from __future__ import annotations

from typing import Any

from cspmonitor.demo import western_suffolk as ws
from cspmonitor.plans.models import Priority, Rag, Status

PLAN: dict[str, Any] = {
    "title": "Western Suffolk Community Safety Partnership Plan 2022–25",
    "first_year": 2022,
    "years": 3,
    "adopted_on": "2022-04-01",
    "adopted_by": ws.NAME,
    "summary": (
        "The partnership's three-year plan for West Suffolk, Babergh and Mid Suffolk. Its action "
        "plan is reviewed through the year and changed when new issues or trends appear."
    ),
}

# (financial year, date refreshed, what changed)
REFRESHES = [
    (
        "2022-23",
        "2022-07-12",
        "The yearly review of the action plan kept the six priorities and added fraud, which the "
        "March 2022 strategic assessment had identified and the county board adopted in June.",
    ),
]

# Quarterly updates are written shortly after each quarter ends.
WRITTEN_ON = {
    "2022-23 Q1": "2022-07-11",
    "2022-23 Q2": "2022-10-10",
    "2022-23 Q3": "2023-01-09",
    "2022-23 Q4": "2023-04-11",
}

Q1, Q2, Q3, Q4 = WRITTEN_ON
G, A, R = Rag.GREEN, Rag.AMBER, Rag.RED
ON, RISK, OFF, DONE = Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.COMPLETE

WSC = "West Suffolk Council"
SCC = "Suffolk County Council"
POLICE = "Suffolk Constabulary"
TS = "Suffolk Trading Standards"

# What a priority has unless its entry below says otherwise: priorities 1 to 6 came from
# the strategic assessment and were in force from the start of the plan.
PRIORITY_DEFAULTS = {
    "kind": Priority.Kind.PRIORITY,
    "adopted_on": "2022-04-01",
    "adopted_by": ws.NAME,
    "evidence": Priority.Evidence.STRATEGIC_ASSESSMENT,
    "evidence_detail": "",
}


def action_entry(ref, title, lead, owner, start, due, updates, description=""):
    """An action with its quarterly updates: (quarter, status, RAG, reason, narrative)."""
    return {
        "reference": ref,
        "title": title,
        "description": description,
        "lead": lead,
        "owner": owner,
        "start_date": start,
        "due_date": due,
        "updates": updates,
    }


CRIMINAL_EXPLOITATION = "Criminal exploitation"
VAWG = "Violence against women and girls"
MODERN_SLAVERY = "Modern slavery"
HATE_CRIME = "Hate crime"
PREVENT = "Prevent"
ASB = "Anti-social behaviour"
FRAUD = "Fraud"
SERIOUS_VIOLENCE_DUTY = "Serious Violence Duty"
