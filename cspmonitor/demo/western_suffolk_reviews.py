"""The Western Suffolk statutory reviews as they stood in March 2023.

The seed report says two Domestic Homicide Reviews were under way: one into a death in 2020,
finished and with the Home Office, and one into a death in 2021, being drafted after delays
for the court case and the inquest. The report gives no dates beyond the years, so every date
below is illustrative, chosen to be plausible and to agree with the demo action plan (action
VAWG-5). No one involved is named: reviews are known only by their case references.

The Serious Violence Duty dates are the statutory ones; the steering group first met in
October 2022 (see the demo's past meetings).
"""

from __future__ import annotations

from typing import Any

from cspmonitor.reviews.models import Decision, ReviewPause, Stage, SvdMilestone

POLICE = "Suffolk Constabulary"
WSC = "West Suffolk Council"
SCC = "Suffolk County Council"
ICB = "NHS Suffolk and North East Essex Integrated Care Board"
PROBATION = "Probation Service, East of England"

_PANEL = [POLICE, WSC, SCC, ICB, PROBATION, "Registered social landlords"]

# Each review: its fields (dates as ISO strings, organisations by name), then its pauses
# (reason, detail, started, ended), its action plan (recommendation, owner, due, done, plan action)
# and the plan actions that carry out the review itself ("plan_actions").
HOMICIDE_REVIEWS: list[dict[str, Any]] = [
    {
        "reference": "WS-DHR-2020-01",
        "ruleset": "2016",
        "died_on": "2020-06-01",
        "notified_on": "2020-06-22",
        "notified_by": POLICE,
        "decision": Decision.COMMISSION,
        "decided_on": "2020-07-14",
        "decision_reasons": "The circumstances met the criteria in the statutory guidance; the "
        "partnership agreed a review could identify lessons for local agencies.",
        "home_office_informed_on": "2020-07-21",
        "chair": "Independent chair (illustrative; not named in the demo)",
        "panel": _PANEL,
        "terms_agreed_on": "2020-09-08",
        "first_panel_on": "2020-09-08",
        "stage": Stage.SUBMITTED,
        "report_completed_on": "2022-11-30",
        "submitted_on": "2023-01-16",
        "pauses": [
            (
                ReviewPause.Reason.CRIMINAL_PROCEEDINGS,
                "Panel work limited to gathering agencies' chronologies until the trial ended.",
                "2020-10-05",
                "2021-09-24",
            ),
        ],
        "actions": [
            (
                "Train front-line council staff to recognise domestic abuse and refer people for support.",
                WSC,
                "2023-03-31",
                "2023-03-31",
                "VAWG-2",
            ),
            (
                "Remind GP practices how to record and share concerns about domestic abuse.",
                ICB,
                "2023-09-30",
                None,
                None,
            ),
            (
                "Check that officers attending domestic incidents follow the risk assessment guidance.",
                POLICE,
                "2023-06-30",
                None,
                None,
            ),
        ],
    },
    {
        "reference": "WS-DHR-2021-01",
        "ruleset": "2016",
        "died_on": "2021-09-01",
        "notified_on": "2021-09-20",
        "notified_by": POLICE,
        "decision": Decision.COMMISSION,
        "decided_on": "2021-10-12",
        "decision_reasons": "The criteria in the statutory guidance were met.",
        "home_office_informed_on": "2021-10-19",
        "chair": "Independent chair (illustrative; not named in the demo)",
        "panel": _PANEL,
        "terms_agreed_on": "2021-12-07",
        "first_panel_on": "2021-12-07",
        "stage": Stage.DRAFTING,
        "pauses": [
            (
                ReviewPause.Reason.CRIMINAL_PROCEEDINGS,
                "Paused on the advice of the police and the Crown Prosecution Service until the trial ended.",
                "2022-01-10",
                "2022-11-25",
            ),
            (
                ReviewPause.Reason.INQUEST,
                "Paused again until the coroner's inquest concluded.",
                "2022-12-05",
                "2023-02-14",
            ),
        ],
        "actions": [],
        "plan_actions": ["VAWG-5"],
    },
]

# Plan actions an officer has declassified, with the reason: each follows a restricted review (so
# it would be OFFICIAL-SENSITIVE) but says nothing about the case and is reported in public.
DECLASSIFIED_ACTIONS = [
    (
        "VAWG-2",
        "Training council staff as Domestic Abuse Champions is general work the partnership reports "
        "every year; the action and its updates say nothing about the review that recommended it.",
    ),
]

_K = SvdMilestone.Key
# (key, title, due, done, evidence)
SVD_MILESTONES = [
    (
        _K.ARRANGEMENTS,
        "Serious Violence Duty Steering Group established",
        "2023-01-31",
        "2022-10-18",
        "The steering group first met on 18 October 2022 and agreed to report to the partnership "
        "every quarter.",
    ),
    (
        _K.LOCAL_DEFINITION,
        "Local definition of serious violence agreed",
        "2024-01-31",
        None,
        "",
    ),
    (_K.NEEDS_ASSESSMENT, "Strategic needs assessment", "2024-01-31", None, ""),
    (_K.STRATEGY, "Serious violence strategy published", "2024-01-31", None, ""),
    (_K.ANNUAL_REVIEW, "First annual review of the strategy", "2025-01-31", None, ""),
]

# (quarter, narrative, written on)
SVD_UPDATES = [
    (
        "2022-23 Q3",
        "The steering group met for the first time and agreed who sits on it, its terms of "
        "reference and a quarterly report to the partnership. Partners listed the data they hold "
        "on violence for the needs assessment.",
        "2023-01-10",
    ),
    (
        "2022-23 Q4",
        "The duty came into force on 31 January. Police and council data for the needs assessment "
        "have been gathered and analysis has begun; health data is still awaited. A draft local "
        "definition of serious violence will go to the steering group next quarter.",
        "2023-04-11",
    ),
]
