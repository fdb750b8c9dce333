"""The Western Suffolk CSP as it stood in 2022/23: our model customer's registry.

Facts (names, codes, groups, cadences) come from the partnership's 2022/23
monitoring report; every sentence here is our own.
"""

from __future__ import annotations

from cspmonitor.accounts.models import Role
from cspmonitor.partnership.models import Area, Group, Organisation

SLUG = "western-suffolk"
NAME = "Western Suffolk Community Safety Partnership"
ONS_CODE = "E22000373"  # in the ONS district → partnership → police force area lookup
SHORT_NAME = "WSCSP"
DESCRIPTION = (
    "The statutory community safety partnership for West Suffolk, Babergh and Mid Suffolk, "
    "working under section 5 of the Crime and Disorder Act 1998."
)

AREAS = [
    ("West Suffolk", Area.Kind.DISTRICT, "E07000245"),
    ("Babergh", Area.Kind.DISTRICT, "E07000200"),
    ("Mid Suffolk", Area.Kind.DISTRICT, "E07000203"),
    ("Suffolk", Area.Kind.COUNTY, "E10000029"),
    ("Suffolk police force area", Area.Kind.POLICE_FORCE_AREA, "E23000025"),
]
POLICE_UK_FORCES = {"E23000025": "suffolk"}

_RA = Organisation.Membership.RESPONSIBLE_AUTHORITY
_CO = Organisation.Membership.CO_OPTED
_T = Organisation.Type
ORGANISATIONS = [
    ("Suffolk Constabulary", _T.POLICE, _RA),
    ("West Suffolk Council", _T.LOCAL_AUTHORITY, _RA),
    ("Babergh District Council", _T.LOCAL_AUTHORITY, _RA),
    ("Mid Suffolk District Council", _T.LOCAL_AUTHORITY, _RA),
    ("Suffolk County Council", _T.LOCAL_AUTHORITY, _RA),
    ("Probation Service, East of England", _T.PROBATION, _RA),
    ("NHS Suffolk and North East Essex Integrated Care Board", _T.HEALTH, _RA),
    ("Suffolk Fire and Rescue Service", _T.FIRE_AND_RESCUE, _RA),
    ("Suffolk Youth Justice Service", _T.YOUTH_JUSTICE, _CO),
    ("Registered social landlords", _T.SOCIAL_LANDLORD, _CO),
    ("Schools and colleges", _T.EDUCATION, _CO),
    ("Suffolk Police and Crime Commissioner", _T.PCC, _CO),
    ("Suffolk Trading Standards", _T.LOCAL_AUTHORITY, _CO),
]

_K = Group.Kind
_C = Group.Cadence
# (name, kind, cadence, chair organisation, parent group, purpose, meetings are sensitive)
GROUPS = [
    (
        "Suffolk Safer Stronger Communities Board",
        _K.BOARD,
        _C.QUARTERLY,
        "Suffolk County Council",
        None,
        "County-level board above Suffolk's community safety partnerships; sets countywide "
        "priorities such as fraud.",
        False,
    ),
    (
        NAME,
        _K.PARTNERSHIP,
        _C.QUARTERLY,
        "West Suffolk Council",
        "Suffolk Safer Stronger Communities Board",
        "The statutory partnership itself: agrees the plan and reviews the action plan.",
        False,
    ),
    (
        "Criminal Exploitation Steering Group",
        _K.STEERING_GROUP,
        _C.QUARTERLY,
        "Suffolk County Council",
        "Suffolk Safer Stronger Communities Board",
        "Oversees Suffolk's system-wide programme against criminal exploitation.",
        False,
    ),
    (
        "Multi-Agency Criminal Exploitation Panel",
        _K.PANEL,
        _C.MONTHLY,
        "Suffolk Constabulary",
        "Criminal Exploitation Steering Group",
        "Discusses people and places of concern in West Suffolk and agrees actions to disrupt "
        "those who exploit young people.",
        True,
    ),
    (
        "High-risk ASB forums",
        _K.FORUM,
        _C.MONTHLY,
        "West Suffolk Council",
        NAME,
        "Co-ordinate the partners' response to high-risk anti-social behaviour cases.",
        True,
    ),
    (
        "West Suffolk Domestic Abuse Partnership",
        _K.NETWORK,
        _C.QUARTERLY,
        "West Suffolk Council",
        NAME,
        "Statutory and voluntary practitioners in domestic abuse sharing practice and "
        "supporting local projects.",
        False,
    ),
    (
        "Suffolk Modern Slavery Network",
        _K.NETWORK,
        _C.QUARTERLY,
        "Suffolk County Council",
        "Suffolk Safer Stronger Communities Board",
        "Shares practice and data and plans countywide training and campaigns.",
        False,
    ),
    (
        "Suffolk Prevent Delivery Group",
        _K.STEERING_GROUP,
        _C.QUARTERLY,
        "Suffolk County Council",
        "Suffolk Safer Stronger Communities Board",
        "Brings partners together to deliver the Prevent duty.",
        False,
    ),
    (
        "Suffolk Anti-Social Behaviour Steering Group",
        _K.STEERING_GROUP,
        _C.QUARTERLY,
        "Suffolk Constabulary",
        "Suffolk Safer Stronger Communities Board",
        "Keeps partners up to date on legislation and co-ordinates ASB campaigns.",
        False,
    ),
    (
        "Serious Violence Duty Steering Group",
        _K.STEERING_GROUP,
        _C.QUARTERLY,
        "Suffolk County Council",
        NAME,
        "Set up in October 2022 to prepare the strategic needs assessment and strategy the "
        "Serious Violence Duty requires.",
        False,
    ),
    (
        "Suffolk Anti-Fraud Partnership",
        _K.NETWORK,
        _C.QUARTERLY,
        "Suffolk Trading Standards",
        "Suffolk Safer Stronger Communities Board",
        "Led by Trading Standards; builds resilience to fraud in communities and businesses.",
        False,
    ),
]

# Meetings of 2022/23 the report mentions, with our own notes.
PAST_MEETINGS = [
    (
        NAME,
        "2022-07-12",
        "Reviewed the action plan against the strategic assessment.",
        "Adopted fraud as a partnership priority, led by Suffolk Trading Standards.",
    ),
    (
        "Serious Violence Duty Steering Group",
        "2022-10-18",
        "First meeting of the new steering group.",
        "Agreed to report progress to the partnership every quarter.",
    ),
    (
        "Suffolk Anti-Social Behaviour Steering Group",
        "2022-11-15",
        "Discussed the Home Office anti-social behaviour principles published in October.",
        "Adopted the principles as the guide for work with victims of ASB.",
    ),
    (
        "West Suffolk Domestic Abuse Partnership",
        "2023-01-24",
        "Shared plans for local awareness raising and freedom programmes.",
        "",
    ),
]

DEMO_PASSWORD = "western-suffolk-demo"  # noqa: S105 - printed for newcomers; demo only

# (email, first name, last name, role, organisation). None of them is a site administrator:
# a partnership's administrator runs that partnership, not the site.
USERS = [
    ("admin@western-suffolk.example", "Alex", "Admin", Role.ADMINISTRATOR, "West Suffolk Council"),
    ("officer@western-suffolk.example", "Olu", "Officer", Role.OFFICER, "West Suffolk Council"),
    ("police.lead@western-suffolk.example", "Pat", "Lead", Role.PARTNER_LEAD, "Suffolk Constabulary"),
    ("panel@western-suffolk.example", "Priya", "Panel", Role.PANEL_MEMBER, "Suffolk Youth Justice Service"),
    ("scrutiny@western-suffolk.example", "Sam", "Scrutiny", Role.VIEWER, "West Suffolk Council"),
]

# The site administrator (email, first name, last name): runs the Django admin for every
# partnership the site holds, and is a member of none, so sees no partnership's pages.
SITE_ADMINISTRATOR = ("site.admin@csp-monitor.example", "Sian", "Siteadmin")

#: The year the demo's pages open on: its 2022/23 annual report is the one being prepared.
YEAR_IN_VIEW = "2022-23"
