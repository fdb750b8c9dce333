"""Illustrative ASB Case Review applications for Western Suffolk, 2022-23. Invented, in our own
words, and naming no one: the point is to show every path through the threshold.

Figures they give (counting by the date of each event; see reviews/asb/figures.py):
2022-23: 6 applications, threshold not met once, 4 reviews carried out, 3 with recommendations;
2023-24: the review of WS-ASB-2022-06 (received in March 2023, met in April).
"""

from __future__ import annotations

POLICE = "Suffolk Constabulary"
WSC = "West Suffolk Council"
BDC = "Babergh District Council"
MSDC = "Mid Suffolk District Council"
RSL = "Registered social landlords"

# Each application: its fields, its complaints (behaviour, reported, agency, incident reference,
# hate-related, complainant, notes) and its recommendations (text, owner, due, completed).
APPLICATIONS: list[dict] = [
    {
        # The standard rule: three incidents, one of them reported to two agencies.
        "reference": "WS-ASB-2022-01",
        "area": "West Suffolk",
        "received_on": "2022-05-09",
        "received_via": "online_form",
        "made_by": "victim",
        "vulnerable_victim": False,
        "acknowledged_on": "2022-05-16",
        "decision": "met",
        "decided_on": "2022-05-25",
        "meeting_on": "2022-06-20",
        "outcome": "Agencies agreed one named contact for the applicant and a joint visit to the "
        "neighbouring address, with the landlord's tenancy team taking the lead.",
        "complaints": [
            (
                "2022-02-26",
                "2022-02-27",
                POLICE,
                "SC-22-0227-118",
                False,
                "A",
                "Shouting and banging late at night.",
            ),
            ("2022-02-26", "2022-03-01", WSC, "", False, "A", "The same night, reported to the council."),
            ("2022-03-19", "2022-03-21", RSL, "RSL-4471", False, "A", "Rubbish left on the shared path."),
            (
                "2022-04-15",
                "2022-04-16",
                POLICE,
                "SC-22-0416-052",
                False,
                "A",
                "Car revved outside for an hour.",
            ),
        ],
        "recommendations": [
            (
                "Give the applicant one named contact and a fortnightly update.",
                WSC,
                "2022-07-01",
                "2022-06-27",
            ),
            (
                "Hold a joint visit with the landlord and agree an acceptable behaviour contract.",
                RSL,
                "2022-07-29",
                "2022-07-21",
            ),
        ],
    },
    {
        # Not met: one complaint too late to qualify, and one incident told to two agencies.
        "reference": "WS-ASB-2022-02",
        "area": "Babergh",
        "received_on": "2022-07-04",
        "received_via": "phone",
        "made_by": "family_member",
        "vulnerable_victim": False,
        "acknowledged_on": "2022-07-11",
        "decision": "not_met",
        "decided_on": "2022-07-20",
        "escalation_requested_on": "2022-08-01",
        "escalation_outcome": "The partnership's chair looked at the decision again and upheld it; the case "
        "was passed to the monthly ASB forum for problem-solving.",
        "complaints": [
            ("2022-04-02", "2022-05-09", BDC, "", False, "A", "Reported five weeks after the event."),
            (
                "2022-06-10",
                "2022-06-10",
                POLICE,
                "SC-22-0610-201",
                False,
                "A",
                "Youths gathering by the garages.",
            ),
            (
                "2022-06-10",
                "2022-06-13",
                BDC,
                "BDC-ASB-3310",
                False,
                "A",
                "The same evening, told to the council.",
            ),
        ],
        "recommendations": [],
    },
    {
        # Met by discretion: a vulnerable victim with two qualifying complaints.
        "reference": "WS-ASB-2022-03",
        "area": "Mid Suffolk",
        "received_on": "2022-09-12",
        "received_via": "agency",
        "made_by": "agency",
        "vulnerable_victim": True,
        "acknowledged_on": "2022-09-27",
        "decision": "met_by_discretion",
        "decided_on": "2022-09-30",
        "discretion_reason": "The victim is older and lives alone; the behaviour was affecting their "
        "health and they had stopped reporting. Two qualifying complaints in six months, so the "
        "partnership used its discretion.",
        "meeting_on": "2022-10-24",
        "outcome": "A support referral was made and the police agreed patrols at the times reported.",
        "complaints": [
            (
                "2022-07-08",
                "2022-07-11",
                POLICE,
                "SC-22-0711-087",
                False,
                "A",
                "Items thrown at the windows.",
            ),
            ("2022-08-20", "2022-08-22", MSDC, "", False, "A", "Verbal abuse in the street."),
            ("2022-06-01", "2022-07-04", MSDC, "", False, "A", "Reported more than a month later."),
        ],
        "recommendations": [
            (
                "Refer the victim to the county's victim support service and check weekly.",
                MSDC,
                "2022-11-07",
                "2022-11-02",
            ),
        ],
    },
    {
        # Met through the local rule for a hate incident; the acknowledgement was late.
        "reference": "WS-ASB-2022-04",
        "area": "West Suffolk",
        "received_on": "2022-11-14",
        "received_via": "email",
        "made_by": "victim",
        "vulnerable_victim": False,
        "acknowledged_on": "2022-12-02",
        "decision": "met",
        "decided_on": "2022-12-02",
        "meeting_on": "2022-12-19",
        "outcome": "The review found the agencies' response had been appropriate and already in hand; "
        "no recommendations were made.",
        "complaints": [
            (
                "2022-10-29",
                "2022-10-29",
                POLICE,
                "SC-22-1029-164",
                True,
                "A",
                "Abuse aimed at the applicant's faith.",
            ),
            ("2022-11-05", "2022-11-07", WSC, "", False, "A", "Graffiti on the garden fence."),
        ],
        "recommendations": [],
    },
    {
        # Met through the local rule for five reports from three people: two incidents only.
        "reference": "WS-ASB-2022-05",
        "area": "Babergh",
        "received_on": "2023-01-16",
        "received_via": "letter",
        "made_by": "representative",
        "vulnerable_victim": False,
        "acknowledged_on": "2023-01-20",
        "decision": "met",
        "decided_on": "2023-02-03",
        "meeting_on": "2023-03-02",
        "outcome": "Agencies agreed a joint plan for the close, with the council leading on a community "
        "protection warning.",
        "complaints": [
            (
                "2022-12-10",
                "2022-12-10",
                POLICE,
                "SC-22-1210-412",
                False,
                "A",
                "Party noise into the early hours.",
            ),
            (
                "2022-12-10",
                "2022-12-12",
                BDC,
                "BDC-ASB-3391",
                False,
                "B",
                "The same night, from a neighbour.",
            ),
            ("2022-12-10", "2022-12-13", RSL, "", False, "C", "The same night, from another tenant."),
            (
                "2023-01-07",
                "2023-01-07",
                POLICE,
                "SC-23-0107-077",
                False,
                "A",
                "Fireworks let off in the close.",
            ),
            (
                "2023-01-07",
                "2023-01-08",
                POLICE,
                "SC-23-0107-077",
                False,
                "B",
                "The same incident, a second caller.",
            ),
        ],
        "recommendations": [
            (
                "Serve a community protection warning and review it after eight weeks.",
                BDC,
                "2023-04-28",
                "2023-04-26",
            ),
            (
                "Add the close to the neighbourhood team's patrol plan for weekend evenings.",
                POLICE,
                "2023-03-31",
                "2023-03-17",
            ),
        ],
    },
    {
        # Received in 2022-23, reviewed in 2023-24; one complaint falls a day outside the window.
        "reference": "WS-ASB-2022-06",
        "area": "Mid Suffolk",
        "received_on": "2023-03-20",
        "received_via": "online_form",
        "made_by": "victim",
        "vulnerable_victim": False,
        "acknowledged_on": "2023-03-27",
        "decision": "met",
        "decided_on": "2023-04-05",
        "meeting_on": "2023-04-27",
        "outcome": "Mediation was offered to both households and accepted.",
        "complaints": [
            ("2022-09-18", "2022-09-20", MSDC, "", False, "A", "A day before the six months began."),
            ("2022-12-01", "2022-12-31", MSDC, "", False, "A", "Dog left barking all day."),
            ("2023-01-28", "2023-02-02", MSDC, "", False, "A", "Dog left barking again."),
            ("2023-03-04", "2023-03-06", RSL, "RSL-5120", False, "A", "Threats made over the fence."),
        ],
        "recommendations": [
            (
                "Offer mediation to both households through the county service.",
                MSDC,
                "2023-05-31",
                "2023-05-15",
            ),
        ],
    },
]
