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


def _action(ref, title, lead, owner, start, due, updates, description=""):
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

# Priorities in plan order; each with its objectives (workstreams) and their actions.
PRIORITIES = [
    {
        "title": CRIMINAL_EXPLOITATION,
        "description": (
            "Every form of criminal exploitation, county lines included: awareness raising, "
            "training in each district, safeguarding adults at risk and supporting young people "
            "who are exploited."
        ),
        "lead": WSC,
        "objectives": [
            (
                "Awareness and training",
                "Help staff, partners and schools recognise exploitation and know what to do.",
                [
                    _action(
                        "CE-1",
                        "Run criminal exploitation awareness sessions for council staff and schools",
                        WSC,
                        "Community Safety Officer",
                        "2022-04-01",
                        "2023-03-31",
                        [
                            (Q1, ON, G, "", "Session content refreshed to match the countywide programme."),
                            (Q2, ON, G, "", "A session for council staff was attended by 15 officers."),
                            (Q3, ON, G, "", "Two sessions in a school setting reached 20 members of staff."),
                            (
                                Q4,
                                DONE,
                                G,
                                "",
                                "This year's programme is delivered; sessions stay available on request.",
                            ),
                        ],
                        "Sessions by the council's trained officers, alongside the countywide refresher "
                        "workshops and contextual safeguarding training.",
                    ),
                ],
            ),
            (
                "Criminal exploitation hubs",
                "Work with the youth justice outreach hubs that support and protect young people at risk.",
                [
                    _action(
                        "CE-2",
                        "Share local intelligence with the hub team and plan joint outreach",
                        WSC,
                        "Community Safety Manager",
                        "2022-04-01",
                        "2025-03-31",
                        [
                            (Q1, ON, G, "", "Agreed a monthly exchange of local concerns with the hub team."),
                            (Q2, ON, G, "", "Joint outreach at summer skate jams and community events."),
                            (Q3, ON, G, "", "Outreach areas chosen from partner and community intelligence."),
                            (Q4, ON, G, "", "Young people signposted to local community groups."),
                        ],
                    ),
                ],
            ),
            (
                "Multi-agency criminal exploitation panels",
                "Identify and disrupt those who exploit young people in West Suffolk.",
                [
                    _action(
                        "CE-3",
                        "Hold the monthly MACE panel and follow up its disruption actions",
                        POLICE,
                        "Detective Inspector, Child Exploitation",
                        "2022-04-01",
                        "2025-03-31",
                        [
                            (Q1, ON, G, "", "The panel met every month and agreed disruption plans."),
                            (
                                Q2,
                                RISK,
                                A,
                                "Education partners were missing from two summer panels.",
                                "Panels held; schools asked to name deputies for the holidays.",
                            ),
                            (Q3, ON, G, "", "Attendance restored; actions reviewed at each panel."),
                            (Q4, ON, G, "", "Panel continuing monthly with full partner attendance."),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "title": VAWG,
        "description": (
            "Domestic abuse, sexual violence and sexual exploitation, delivered through the Suffolk "
            "VAWG strategy 2022–25: prevention, support for victims, pursuing perpetrators and a "
            "stronger system. Closely tied to the criminal exploitation priority."
        ),
        "lead": WSC,
        "objectives": [
            (
                "Access to specialist support",
                "Make sure victims in West Suffolk can reach countywide and local specialist services.",
                [
                    _action(
                        "VAWG-1",
                        "Keep the directory of commissioned support services current and promote it",
                        WSC,
                        "Domestic Abuse Link Worker",
                        "2022-04-01",
                        "2025-03-31",
                        [
                            (Q1, ON, G, "", "Directory checked against the county commissioning list."),
                            (Q2, ON, G, "", "Refuge satellite accommodation added to the directory."),
                            (Q3, ON, G, "", "Directory shared with housing and customer services teams."),
                            (Q4, ON, G, "", "Eleven commissioned services listed and promoted."),
                        ],
                    ),
                ],
            ),
            (
                "Domestic Abuse Champions",
                "Grow the network of trained champions in the council and the community.",
                [
                    _action(
                        "VAWG-2",
                        "Train council staff as Domestic Abuse Champions",
                        WSC,
                        "Safeguarding Lead",
                        "2022-04-01",
                        "2023-03-31",
                        [
                            (Q1, ON, G, "", "Volunteers found in housing and customer services."),
                            (Q2, ON, G, "", "Champion training booked with the county programme."),
                            (Q3, ON, G, "", "Champions began supporting colleagues after training."),
                            (Q4, DONE, G, "", "Eight members of staff are now trained champions."),
                        ],
                    ),
                ],
            ),
            (
                "Target hardening",
                "Help victims at high risk stay safe in their own homes.",
                [
                    _action(
                        "VAWG-3",
                        "Provide target hardening for high-risk victims in West Suffolk",
                        WSC,
                        "Housing Options Team Leader",
                        "2022-04-01",
                        "2025-03-31",
                        [
                            (Q1, ON, G, "", "Referral route from the IDVA service confirmed."),
                            (Q2, ON, G, "", "Locks, bolts and alarms fitted where referred."),
                            (Q3, ON, G, "", "Adaptations made to a property to improve safety."),
                            (Q4, ON, G, "", "Five properties supported over the year."),
                        ],
                    ),
                ],
            ),
            (
                "Campaigns and awareness",
                "Take part in national and county campaigns and raise awareness locally.",
                [
                    _action(
                        "VAWG-4",
                        "Support White Ribbon and the first Child to Parent Abuse awareness day",
                        WSC,
                        "Communications Officer",
                        "2022-04-01",
                        "2023-03-31",
                        [
                            (Q1, ON, G, "", "Campaign calendar agreed with the Domestic Abuse Partnership."),
                            (Q2, ON, G, "", "Staff webinars on child to parent abuse arranged."),
                            (Q3, ON, G, "", "Sixteen days of White Ribbon action promoted on social media."),
                            (Q4, DONE, G, "", "Both campaigns delivered; lessons passed to next year."),
                        ],
                    ),
                ],
            ),
            (
                "Domestic homicide reviews",
                "Carry out the partnership's statutory reviews and act on what they find. The review "
                "into a death in 2020 is finished and awaits Home Office approval before publication.",
                [
                    _action(
                        "VAWG-5",
                        "Complete the domestic homicide review into a death in 2021 and its action plan",
                        WSC,
                        "Community Safety Manager",
                        "2022-04-01",
                        "2023-03-31",
                        [
                            (
                                Q1,
                                RISK,
                                A,
                                "Work paused until the criminal trial ends.",
                                "Review panel kept informed; agencies' reports held ready.",
                            ),
                            (
                                Q2,
                                RISK,
                                A,
                                "The trial and then the inquest must finish before drafting.",
                                "Panel agreed to resume once the inquest has concluded.",
                            ),
                            (
                                Q3,
                                RISK,
                                A,
                                "Inquest findings are still awaited.",
                                "Chair preparing the outline of the report.",
                            ),
                            (
                                Q4,
                                RISK,
                                A,
                                "The court case and inquest delayed drafting; the review will not be "
                                "finished by the due date.",
                                "The overview report is being drafted; the partnership will consider "
                                "its recommendations when it is complete.",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "title": MODERN_SLAVERY,
        "description": (
            "Supporting victims, training staff and partners, and making sure people know how to "
            "report concerns, including through the National Referral Mechanism (NRM)."
        ),
        "lead": SCC,
        "objectives": [
            (
                "Staff training and reporting",
                "Every council officer knows the signs of modern slavery and how to make an NRM referral.",
                [
                    _action(
                        "MS-1",
                        "Keep modern slavery e-learning in induction and repeat it every two years",
                        WSC,
                        "Learning and Development Manager",
                        "2022-04-01",
                        "2025-03-31",
                        [
                            (Q1, ON, G, "", "E-learning module live in the induction programme."),
                            (Q2, ON, G, "", "NRM referral steps added to safeguarding training."),
                            (Q3, ON, G, "", "Staff told about the new county training package."),
                            (Q4, ON, G, "", "Refresher reminders sent to staff due this year."),
                        ],
                    ),
                ],
            ),
            (
                "Awareness campaigns",
                "Raise awareness with the Suffolk Modern Slavery Network and partners across the county.",
                [
                    _action(
                        "MS-2",
                        "Run the awareness week and launch a partnership training package",
                        SCC,
                        "Modern Slavery Co-ordinator",
                        "2022-04-01",
                        "2023-03-31",
                        [
                            (Q1, ON, G, "", "June awareness week held on labour and sexual exploitation."),
                            (Q2, ON, G, "", "Training package and case studies prepared."),
                            (Q3, ON, G, "", "Training package launched to all partners in October."),
                            (Q4, DONE, G, "", "Short webinars added for continuing development."),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "title": HATE_CRIME,
        "description": (
            "Supporting victims and working with partners so that communities understand hate crime "
            "and feel confident to report it."
        ),
        "lead": POLICE,
        "objectives": [
            (
                "Awareness and confidence to report",
                "Encourage reporting and make clear that hate crime is not tolerated.",
                [
                    _action(
                        "HC-1",
                        "Support National Hate Crime Awareness Week with reassurance visits",
                        POLICE,
                        "Hate Crime Co-ordinator",
                        "2022-07-01",
                        "2022-12-31",
                        [
                            (Q2, ON, G, "", "Plans agreed for social media and business visits."),
                            (
                                Q3,
                                DONE,
                                G,
                                "",
                                "Week supported; visits made to businesses targeted repeatedly.",
                            ),
                        ],
                    ),
                    _action(
                        "HC-2",
                        "Launch a publicity campaign that encourages people to report hate crime",
                        POLICE,
                        "Hate Crime Co-ordinator",
                        "2022-10-01",
                        "2024-03-31",
                        [
                            (Q3, ON, G, "", "Campaign launched with a zero-tolerance message."),
                            (Q4, ON, G, "", "Campaign materials shared with partners and schools."),
                        ],
                    ),
                ],
            ),
            (
                "Celebrating young people",
                "Recognise what young people aged 11 to 18 contribute to their communities.",
                [
                    _action(
                        "HC-3",
                        "Encourage applications to the HOPE Awards from West Suffolk",
                        WSC,
                        "Community Development Officer",
                        "2022-04-01",
                        "2022-09-30",
                        [
                            (Q1, ON, G, "", "Awards promoted through schools and youth groups."),
                            (Q2, DONE, G, "", "Three applications came from West Suffolk."),
                        ],
                    ),
                ],
            ),
        ],
    },
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
                    _action(
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
                    _action(
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
            "Work with partners on anti-social behaviour, in line with the national action plan: "
            "high-risk cases, ASB case reviews (the community trigger), support for victims, and "
            "awareness of its effects and how to report it."
        ),
        "lead": POLICE,
        "objectives": [
            (
                "High-risk cases and case reviews",
                "Co-ordinate the response to high-risk cases and give victims a route to a review.",
                [
                    _action(
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
                    _action(
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
                    _action(
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
                    _action(
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
                    _action(
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
                    _action(
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
                    _action(
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
