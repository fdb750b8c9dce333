"""The demo's two multi-agency panels: a MACE panel and a high-risk ASB forum for Western
Suffolk, with a few clearly fictional cases, meetings, minutes and actions in 2022-23.

Every name here is invented ("Demo Person Alpha"); nothing describes a real person or place.
Idempotent: a panel, case or meeting already there is left as it is.
"""

from __future__ import annotations

import datetime as dt

from cspmonitor.accounts.models import Membership, Role, User
from cspmonitor.accounts.two_factor import ensure_backup_codes
from cspmonitor.demo import western_suffolk as ws
from cspmonitor.panels.models import (
    Case,
    CaseAction,
    CaseLocation,
    Minute,
    Panel,
    PanelMeeting,
    PanelMember,
    RiskAssessment,
    SharingAgreement,
    Subject,
)
from cspmonitor.partnership.models import Group

D = dt.date.fromisoformat
FORUM_MEMBER = ("asb.forum@western-suffolk.example", "Dana", "Forum", "Registered social landlords")
LAWFUL_BASIS = (
    "UK GDPR art. 6(1)(e) (public task) and, for special category and criminal offence data, "
    "DPA 2018 Sch. 1 paras 6, 10 and 18; Crime and Disorder Act 1998 s.115."
)

# (reference, subject kind, referring organisation, referred on, criteria, risk, [later risks],
#  subject name or "", location or "", closed on, outcome)
MACE_CASES: list[tuple] = [
    (
        "WS-MACE-DEMO-01",
        "person_at_risk",
        "Suffolk Youth Justice Service",
        "2022-05-10",
        ["single_agency_exhausted", "child_criminal_exploitation"],
        "high",
        [("2022-10-11", "medium")],
        "Demo Person Alpha (fictional)",
        "",
        "2022-11-15",
        "risk_reduced",
    ),
    (
        "WS-MACE-DEMO-02",
        "location",
        "Suffolk Constabulary",
        "2022-07-04",
        ["single_agency_exhausted", "location_of_concern"],
        "high",
        [],
        "",
        "Fictional underpass, Demo Town",
        "2023-02-20",
        "risk_reduced",
    ),
    (
        "WS-MACE-DEMO-03",
        "person_of_concern",
        "Suffolk Constabulary",
        "2022-09-12",
        ["single_agency_exhausted", "person_of_concern"],
        "very_high",
        [],
        "Demo Person Bravo (fictional)",
        "Fictional flat of concern, Demo Town",
        "",
        "",
    ),
    (
        "WS-MACE-DEMO-04",
        "person_at_risk",
        "Schools and colleges",
        "2023-01-09",
        ["single_agency_exhausted", "child_criminal_exploitation"],
        "medium",
        [],
        "Demo Person Charlie (fictional)",
        "",
        "",
        "",
    ),
    (
        "WS-MACE-DEMO-05",
        "group",
        "West Suffolk Council",
        "2023-03-06",
        ["single_agency_exhausted", "person_of_concern"],
        "high",
        [],
        "",
        "",
        "",
        "",
    ),
]
ASB_CASES: list[tuple] = [
    ("WS-ASB-DEMO-01", "person_at_risk", "West Suffolk Council", "2022-04-20",
     ["high_risk_score", "vulnerable_victim"], "high", [], "Demo Person Delta (fictional)", "", "2022-12-01",
     "moved_away"),
    ("WS-ASB-DEMO-02", "location", "Registered social landlords", "2022-08-15",
     ["community_impact"], "medium", [], "", "Fictional shopping parade, Demo Village", "", ""),
    ("WS-ASB-DEMO-03", "person_at_risk", "Suffolk Constabulary", "2023-02-02",
     ["repeat_victim", "hate_related"], "very_high", [], "Demo Person Echo (fictional)", "", "", ""),
]  # fmt: skip

#: Points for the demo's locations of concern: the middle of Bury St Edmunds and of Haverhill.
PLACES = {
    "WS-MACE-DEMO-02": (52.24450, 0.71470),
    "WS-MACE-DEMO-03": (52.24610, 0.71120),
    "WS-ASB-DEMO-02": (52.08260, 0.43880),
}

PANELS = [
    # (name, kind, criteria, retention months, organisations, members (email, organisation, chair),
    #  cases, meeting dates)
    (
        "Western Suffolk MACE Panel",
        Panel.Kind.CRIMINAL_EXPLOITATION,
        "mace",
        72,
        ["Suffolk Constabulary", "West Suffolk Council", "Suffolk County Council",
         "Suffolk Youth Justice Service", "Schools and colleges",
         "NHS Suffolk and North East Essex Integrated Care Board"],
        [("officer@western-suffolk.example", "West Suffolk Council", True),
         ("panel@western-suffolk.example", "Suffolk Youth Justice Service", False)],
        MACE_CASES,
        ["2022-06-14", "2022-10-11", "2023-01-10", "2023-03-14"],
    ),
    (
        "Western Suffolk High-Risk ASB Forum",
        Panel.Kind.HIGH_RISK_ASB,
        "asb-high-risk",
        24,
        ["Suffolk Constabulary", "West Suffolk Council", "Registered social landlords",
         "NHS Suffolk and North East Essex Integrated Care Board"],
        [("officer@western-suffolk.example", "West Suffolk Council", True),
         (FORUM_MEMBER[0], FORUM_MEMBER[3], False)],
        ASB_CASES,
        ["2022-05-17", "2022-11-15", "2023-02-21"],
    ),
]  # fmt: skip


def load_panels(partnership, organisations: dict) -> None:
    _forum_member(partnership, organisations)
    for name, kind, criteria, months, orgs, members, cases, meetings in PANELS:
        panel, created = Panel.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={
                "kind": kind,
                "criteria": criteria,
                "retention_months": months,
                "cadence": Group.Cadence.MONTHLY,
            },
        )
        if not created:
            continue
        panel.organisations.set([organisations[o] for o in orgs])
        agreement = SharingAgreement.objects.create(
            panel=panel,
            title=f"{name} information-sharing agreement (demo)",
            lawful_basis=LAWFUL_BASIS,
            purpose="To share what partners know about people, places and groups of concern so that the "
            "panel can agree actions that reduce harm.",
            signed_on=D("2022-04-01"),
            review_on=D("2030-03-31"),
        )
        agreement.signatories.set([organisations[o] for o in orgs])
        for email, organisation, chair in members:
            PanelMember.objects.create(
                panel=panel,
                user=User.objects.get(email=email),
                organisation=organisations[organisation],
                is_chair=chair,
            )
        made = [_case(panel, organisations, row) for row in cases]
        _meetings(panel, organisations, made, [D(d) for d in meetings])


def _forum_member(partnership, organisations) -> None:
    """A member of the ASB forum only: the demo's "member of another panel"."""
    email, first, last, organisation = FORUM_MEMBER
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=ws.DEMO_PASSWORD
    )
    user.first_name, user.last_name = first, last
    user.save()
    Membership.objects.update_or_create(
        user=user,
        partnership=partnership,
        defaults={"role": Role.PANEL_MEMBER, "organisation": organisations[organisation]},
    )
    ensure_backup_codes(user)


def _case(panel, organisations, row) -> Case:
    reference, kind, by, on, criteria, risk, later, name, place, closed, outcome = row
    case = Case.objects.create(
        panel=panel,
        reference=reference,
        subject_kind=kind,
        referred_by=organisations[by],
        referrer="Demo referrer (fictional), case worker",
        referred_on=D(on),
        reason="Fictional demo referral: partners are worried the risk is rising and single-agency work has "
        "not reduced it.",
        criteria_met=criteria,
        consent=Case.Consent.NOT_SOUGHT
        if kind in {"location", "group", "person_of_concern"}
        else Case.Consent.GIVEN,
        consent_basis="Shared to prevent crime and protect people at risk (demo text).",
        risk=later[-1][1] if later else risk,
        closed_on=D(closed) if closed else None,
        outcome=outcome,
        closure_note="Demo closure note." if closed else "",
    )
    RiskAssessment.objects.create(
        case=case, level=risk, reasons="Risk at referral (demo).", assessed_on=D(on)
    )
    for when, level in later:
        RiskAssessment.objects.create(
            case=case, level=level, reasons="Reviewed at panel (demo).", assessed_on=D(when)
        )
    if name:
        Subject.objects.create(case=case, name=name, address="1 Fictional Street, Demo Town")
    if place:
        # A made-up point near the middle of a Western Suffolk town, for the map.
        latitude, longitude = PLACES.get(reference, (None, None))
        CaseLocation.objects.create(case=case, description=place, latitude=latitude, longitude=longitude)
    return case


def _meetings(panel, organisations, cases: list[Case], dates: list[dt.date]) -> None:
    owners = list(panel.organisations.order_by("name"))
    for number, date in enumerate(dates):
        meeting = PanelMeeting.objects.create(panel=panel, date=date)
        for case in cases:
            if case.referred_on > date or (case.closed_on and case.closed_on < date):
                continue
            Minute.objects.create(
                meeting=meeting,
                case=case,
                discussion="Partners shared fictional updates for the demo.",
                decision="Keep open and review at the next meeting.",
            )
            due = date + dt.timedelta(days=28)
            CaseAction.objects.create(
                case=case,
                meeting=meeting,
                description="Share the latest safety plan with partners (demo action).",
                owner=owners[(number + case.pk) % len(owners)],
                due_on=due,
                # The last meeting's actions stay open, so the demo shows overdue actions.
                completed_on=None if date == dates[-1] else due - dt.timedelta(days=3),
            )
