"""Demo plan data: the Western Suffolk priorities on community safety (Prevent, anti-social
behaviour, fraud) and the Serious Violence Duty workstream, with their objectives, actions and
2022/23 quarterly updates. Our own words; facts from the 2022/23 monitoring report.
"""

from __future__ import annotations

from cspmonitor.demo.western_suffolk_plan import (
    ASB,
    DONE,
    FRAUD,
    OFF,
    ON,
    POLICE,
    PREVENT,
    Q1,
    Q2,
    Q3,
    Q4,
    RISK,
    SCC,
    SERIOUS_VIOLENCE_DUTY,
    TS,
    WSC,
    A,
    G,
    R,
    action_entry,
)
from cspmonitor.plans.models import Priority

PRIORITIES = [
    {
        "title": PREVENT,
        "description": (
            "The Prevent duty under CONTEST, the government's counter-terrorism strategy: training "
            "staff and communities to recognise people at risk of being drawn into terrorism and "
            "getting them support early."
        ),
        "lead": WSC,
        "objectives": [
            (
                "Training for staff",
                "Staff understand Prevent, recognise vulnerability and know about Channel.",
                [
                    action_entry(
                        "PR-1",
                        "Deliver in-person Prevent training to council staff",
                        WSC,
                        "Prevent Lead Officer",
                        "2022-04-01",
                        "2023-03-31",
                        [
                            (Q1, ON, G, "", "Sessions by Prevent trained officers published for booking."),
                            (
                                Q2,
                                RISK,
                                A,
                                "Bookings over the summer were well below plan.",
                                "Managers asked to release staff for autumn sessions.",
                            ),
                            (Q3, ON, G, "", "Autumn sessions well attended."),
                            (Q4, DONE, G, "", "43 staff trained in person this year."),
                        ],
                    ),
                ],
            ),
            (
                "Awareness for parents, carers and professionals",
                "Help families and professionals understand online radicalisation.",
                [
                    action_entry(
                        "PR-2",
                        "Run online radicalisation courses for parents and a conference for staff",
                        SCC,
                        "Prevent Co-ordinator",
                        "2022-04-01",
                        "2023-03-31",
                        [
                            (Q1, ON, G, "", "Joint bid with Norfolk to the Home Office fund."),
                            (Q2, ON, G, "", "Funding secured and Shout Out UK commissioned."),
                            (Q3, ON, G, "", "Online courses for parents and carers under way."),
                            (Q4, DONE, G, "", "Three courses run and the March conference held."),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "title": ASB,
        "description": (
            "Work with partners on anti-social behaviour (ASB), in line with the national action plan: "
            "high-risk cases, ASB case reviews (the community trigger), support for victims, and "
            "awareness of its effects and how to report it."
        ),
        "lead": POLICE,
        "objectives": [
            (
                "High-risk cases and case reviews",
                "Co-ordinate the response to high-risk cases and give victims a route to a review.",
                [
                    action_entry(
                        "ASB-1",
                        "Chair the monthly high-risk ASB forums and run the ASB case review process",
                        WSC,
                        "Anti-Social Behaviour Officer",
                        "2022-04-01",
                        "2025-03-31",
                        [
                            (Q1, ON, G, "", "Forums met monthly with housing, police and health."),
                            (Q2, ON, G, "", "Case review page on the council website updated."),
                            (Q3, ON, G, "", "Forum actions tracked to completion."),
                            (Q4, ON, G, "", "Forums and case reviews continuing."),
                        ],
                    ),
                ],
            ),
            (
                "A consistent approach across Suffolk",
                "Share practice and campaign materials through the county steering group.",
                [
                    action_entry(
                        "ASB-2",
                        "Adopt the Home Office anti-social behaviour principles across Suffolk",
                        POLICE,
                        "Partnership Inspector",
                        "2022-10-01",
                        "2023-03-31",
                        [
                            (Q3, DONE, G, "", "Steering group adopted the principles in November."),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "title": FRAUD,
        "description": (
            "Making communities and businesses more resilient to fraud, supporting victims and "
            "helping investigation, through the Suffolk Anti-Fraud Partnership."
        ),
        "lead": TS,
        "adopted_on": "2022-07-12",
        "evidence_detail": (
            "Identified by the strategic assessment of March 2022 and adopted as a county priority "
            "by the Suffolk Safer Stronger Communities Board in June 2022; the partnership added it "
            "when it reviewed its action plan in July 2022."
        ),
        "objectives": [
            (
                "Partnership and resilience",
                "Bring partners together to protect communities and businesses from fraud.",
                [
                    action_entry(
                        "FR-1",
                        "Set up the Suffolk Anti-Fraud Partnership",
                        TS,
                        "Trading Standards Manager",
                        "2022-07-12",
                        "2022-12-31",
                        [
                            (Q2, ON, G, "", "Trading Standards agreed to lead; partners invited."),
                            (Q3, DONE, G, "", "The Anti-Fraud Partnership has met and agreed its remit."),
                        ],
                    ),
                    action_entry(
                        "FR-2",
                        "Agree an anti-fraud action plan with partners",
                        TS,
                        "Trading Standards Manager",
                        "2022-10-01",
                        "2023-03-31",
                        [
                            (
                                Q3,
                                RISK,
                                A,
                                "Not every partner has named a representative yet.",
                                "First outline of the plan circulated.",
                            ),
                            (
                                Q4,
                                OFF,
                                R,
                                "The action plan was not agreed by the end of the year; partners are "
                                "still being brought together.",
                                "Drafting continues into 2023-24.",
                            ),
                        ],
                    ),
                ],
            ),
            (
                "Victim support and investigation",
                "Make sure victims get support and cases reach investigators.",
                [
                    action_entry(
                        "FR-3",
                        "Refer fraud victims for support and share intelligence for investigation",
                        POLICE,
                        "Economic Crime Manager",
                        "2022-07-12",
                        "2025-03-31",
                        [
                            (Q2, ON, G, "", "Referral route to victim support agreed."),
                            (Q3, ON, G, "", "Intelligence shared with Trading Standards monthly."),
                            (Q4, ON, G, "", "Referral route in use across the county."),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "title": SERIOUS_VIOLENCE_DUTY,
        "kind": Priority.Kind.STATUTORY_DUTY,
        "description": (
            "The Police, Crime, Sentencing and Courts Act 2022 requires named authorities to work "
            "together to understand, prevent and reduce serious violence. The duty took effect on "
            "31 January 2023; the needs assessment and action plan are due by 31 January 2024."
        ),
        "lead": SCC,
        "adopted_on": "2022-10-01",
        "evidence": Priority.Evidence.STATUTORY_DUTY,
        "evidence_detail": "Serious Violence Duty, Police, Crime, Sentencing and Courts Act 2022.",
        "objectives": [
            (
                "Meeting the duty",
                "Prepare the strategic needs assessment and action plan, reporting to the partnership "
                "each quarter.",
                [
                    action_entry(
                        "SVD-1",
                        "Set up the Serious Violence Duty Steering Group",
                        SCC,
                        "Head of Community Safety",
                        "2022-10-01",
                        "2022-12-31",
                        [
                            (Q3, DONE, G, "", "The steering group first met in October."),
                        ],
                    ),
                    action_entry(
                        "SVD-2",
                        "Complete the strategic needs assessment and publish the action plan",
                        SCC,
                        "Head of Community Safety",
                        "2022-10-01",
                        "2024-01-31",
                        [
                            (Q3, ON, G, "", "Data sources for the needs assessment agreed."),
                            (
                                Q4,
                                RISK,
                                A,
                                "Health data for the assessment has not yet arrived.",
                                "Police and council data gathered; analysis begun.",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    },
]
