"""The annual monitoring report a community safety partnership gives to scrutiny.

``build_annual_report`` reads the partnership's records for a financial year and returns the
restricted (full) ``Document``: a committee front sheet, then eight sections in the order
council scrutiny reports use. Section 1 (background) and section 2 (the work streams) come from
the data; sections 3 to 8 come from ``narrative`` — text the officer writes — with plain
defaults. Narrative keys:

* front sheet: ``report_number``, ``meeting_date``, ``cabinet_member``, ``lead_officer``,
  ``decisions_plan``, ``wards``, ``recommendation``;
* ``action_plan_review`` (section 1);
* ``alternative_options``, ``consultation``, ``risks``, ``appendices``, ``background_documents``;
* ``implications.<key>`` for each key of ``IMPLICATIONS``.

Each narrative value may hold several paragraphs, one a line.
"""

from __future__ import annotations

from cspmonitor.crime.models import Assessment
from cspmonitor.partnership.models import Organisation
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.models import Plan, Priority
from cspmonitor.reports.blocks import OFFICIAL, Block, Document, FrontSheet, ListBlock, Paragraph, Section
from cspmonitor.reports.builders.workstreams import workstreams_section
from cspmonitor.reports.models import Description
from cspmonitor.reviews.models import DomesticHomicideReview

TO_BE_CONFIRMED = "To be confirmed"

SECTION_TITLES = [
    "Background",
    "Update on the work streams of the {short_name}",
    "Alternative options that have been considered",
    "Consultation and engagement undertaken",
    "Risks associated with the proposals",
    "Implications arising from the proposals",
    "Appendices referenced in this report",
    "Background documents associated with this report",
]

#: The ten implications every report covers: (key, heading, default text).
IMPLICATIONS = [
    ("financial", "Financial", "No financial implications arise from this report."),
    (
        "legal",
        "Legal compliance",
        "Community safety partnerships are statutory bodies with duties to carry out. Under section 17 "
        "of the Crime and Disorder Act 1998 the council must also have regard to crime and disorder in "
        "everything it does.",
    ),
    (
        "personal_data",
        "Personal data processing",
        "The public edition of this report holds no personal data. The restricted edition holds "
        "information that could identify individuals (paragraph 2 of Schedule 12A) and goes only to "
        "members and officers entitled to see it. Partners share information under agreed protocols, "
        "and the law allows sharing to prevent or detect crime.",
    ),
    (
        "equalities",
        "Equalities",
        "The partnership's work centres on the people most affected by crime, including hate crime. "
        "Equality is considered when the action plan is agreed and monitored, and lead partners carry out "
        "equality impact assessments where needed.",
    ),
    ("crime_and_disorder", "Crime and disorder", "Covered throughout this report."),
    ("safeguarding", "Safeguarding", "Covered throughout this report."),
    ("environment", "Environment or sustainability", "None."),
    ("hr", "Human resources or staffing", "None."),
    ("policy", "Changes to existing policies", "None."),
    (
        "external_organisations",
        "External organisations (such as businesses and community groups)",
        "The responsible authorities are required by law to take part in the partnership.",
    ),
]

DEFAULTS = {
    "report_number": "To be allocated",
    "committee": "Overview and Scrutiny Committee",
    "meeting_date": TO_BE_CONFIRMED,
    "cabinet_member": TO_BE_CONFIRMED,
    "lead_officer": TO_BE_CONFIRMED,
    "decisions_plan": TO_BE_CONFIRMED,
    "wards": TO_BE_CONFIRMED,
    "recommendation": "Consider the information in this report and discuss the partnership's progress "
    "over the year.",
    "action_plan_review": "Partners keep the action plan under review through the year and change it "
    "when new issues or trends appear.",
    "alternative_options": "None: the report gives information and asks for no decision.",
    "consultation": "Every partner organisation contributed information for this report. Some "
    "information is sensitive and is given only in the restricted edition.",
    "risks": "Weaker partnership working would put communities at risk, for example if partners lost "
    "resources, went back to working alone or stopped sharing information. Continued commitment "
    "from the council and its partners, with partnership working built into the council's own "
    "services, reduces that risk.",
    "appendices": "None.",
    "background_documents": "The partnership plan and action plan.",
}


def _text(narrative: dict[str, str], key: str, default: str | None = None) -> str:
    value = (narrative.get(key) or "").strip()
    return value or (default if default is not None else DEFAULTS[key])


def _paragraphs(narrative: dict[str, str], key: str) -> list[Block]:
    lines = [line.strip() for line in _text(narrative, key).splitlines() if line.strip()]
    return [Paragraph(text=line) for line in lines]


def _names(items) -> str:
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def front_sheet(partnership, year: FinancialYear, narrative: dict[str, str], title: str) -> FrontSheet:
    return FrontSheet(
        report_number=_text(narrative, "report_number"),
        committee=_text(narrative, "committee"),
        meeting_date=_text(narrative, "meeting_date"),
        title=title,
        rows=[
            ("Cabinet member", _text(narrative, "cabinet_member")),
            ("Lead officer", _text(narrative, "lead_officer")),
            ("Decisions plan", _text(narrative, "decisions_plan")),
            ("Wards affected", _text(narrative, "wards")),
        ],
        recommendations=[recommendation(_text(narrative, "committee"), _text(narrative, "recommendation"))],
    )


#: Openings that already name who is recommended to act, so no stem is added.
_STEMS = ("that ", "it is recommended", "members are", "the committee")


def recommendation(committee: str, text: str) -> str:
    """The recommendation with its stem naming the committee, as committee reports word it:
    "The Overview and Scrutiny Committee is recommended to consider ..."."""
    if text.lower().startswith(_STEMS) or text.lower().startswith(committee.lower()):
        return text
    return f"The {committee} is recommended to {text[:1].lower()}{text[1:]}"


def duties_discharged(partnership, year: FinancialYear) -> list[str]:
    duties = []
    assessed = Assessment.objects.filter(
        partnership=partnership, year__in=[year.label, FinancialYear(year.first_year - 1).label]
    ).exists() or (
        Priority.objects.for_partnership(partnership)
        .in_year(year)
        .filter(evidence=Priority.Evidence.STRATEGIC_ASSESSMENT)
        .exists()
    )
    if assessed:
        duties.append("assessing crime and disorder in the area through a strategic assessment")
    plans = [plan for plan in Plan.objects.filter(partnership=partnership) if plan.covers(year)]
    for plan in plans:
        duties.append(f"carrying out its {plan.years}-year plan ({plan.title}) and the action plan behind it")
    if DomesticHomicideReview.objects.for_partnership(partnership).filter(notified_on__lte=year.end).exists():
        duties.append("conducting Domestic Homicide Reviews")
    if (
        Priority.objects.for_partnership(partnership)
        .in_year(year)
        .filter(kind=Priority.Kind.STATUTORY_DUTY)
        .exists()
    ):
        duties.append("preparing to meet the Serious Violence Duty")
    return duties


def background_section(
    partnership, year: FinancialYear, narrative: dict[str, str], short_name: str
) -> Section:
    section = Section(title=SECTION_TITLES[0])
    section.blocks.append(
        Paragraph(
            text="Sections 5 and 6 of the Crime and Disorder Act 1998, as amended by the Police Reform Act "
            "2002, set up community safety partnerships and require them to work together on crime and "
            "disorder. Section 17 of the Act requires councils to consider crime and disorder in all their "
            "work."
        )
    )
    organisations = Organisation.objects.filter(partnership=partnership).order_by("name")
    responsible = [
        o.name for o in organisations if o.membership == Organisation.Membership.RESPONSIBLE_AUTHORITY
    ]
    co_opted = [o.name for o in organisations if o.membership == Organisation.Membership.CO_OPTED]
    # The first mention spells the name out, so the short name used after it is defined.
    named = short_name if short_name == partnership.name else f"{partnership.name} ({short_name})"
    text = f"The responsible authorities in the {named} are {_names(responsible) or 'not yet recorded'}."
    if co_opted:
        text += f" The partnership has also co-opted {_names(co_opted)}."
    section.blocks.append(Paragraph(text=text))
    districts = list(partnership.districts().values())
    if districts:
        section.blocks.append(
            Paragraph(text=f"The {short_name} covers the council areas of {_names(districts)}.")
        )
    duties = duties_discharged(partnership, year)
    if duties:
        section.blocks.append(
            ListBlock(
                intro=f"In {year.label} the {short_name} met its statutory duties by:",
                items=[duty[0].upper() + duty[1:] for duty in duties],
            )
        )
    section.blocks.extend(_paragraphs(narrative, "action_plan_review"))
    priorities = list(
        Priority.objects.for_partnership(partnership)
        .in_year(year)
        .filter(kind=Priority.Kind.PRIORITY)
        .select_related("adopted_by")
        .order_by("order", "title")
    )
    if priorities:
        section.blocks.append(
            ListBlock(
                intro=f"The {short_name}'s priorities in {year.label} were:",
                items=[f"{p.title}: {p.description}" if p.description else p.title for p in priorities],
            )
        )
    for priority in priorities:
        if (
            priority.adopted_mid_year
            and priority.adopted_on
            and year.start <= priority.adopted_on <= year.end
        ):
            by = f" by the {priority.adopted_by.name}" if priority.adopted_by else ""
            when = f"{priority.adopted_on:%B %Y}"
            text = f"{priority.title} was adopted as a priority{by} in {when}, part way through the year."
            if priority.evidence_detail:
                text += f" {priority.evidence_detail}"
            section.blocks.append(Paragraph(text=text))
    section.blocks.append(
        Paragraph(
            text="Section 2 of this report sets out the progress made on each priority during the year."
        )
    )
    return section


def implications_section(narrative: dict[str, str]) -> Section:
    section = Section(title=SECTION_TITLES[5])
    for key, heading, default in IMPLICATIONS:
        section.blocks.append(
            Paragraph(text=f"{heading}: {_text(narrative, f'implications.{key}', default)}")
        )
    return section


def background_documents(partnership, narrative: dict[str, str]) -> list[Block]:
    """Section 8: the officer's wording, then each background document recorded for the
    partnership with what it is and where to find it."""
    blocks = _paragraphs(narrative, "background_documents")
    documents = Description.objects.for_partnership(partnership).filter(
        topic=Description.Topic.DOCUMENT, classification=OFFICIAL
    )
    items = [
        " ".join(filter(None, [f"{d.name}:", d.text.strip(), d.url]))
        for d in documents.order_by("order", "name")
    ]
    if items:
        blocks.append(ListBlock(items=items, lettered=True))
    return blocks


def build_annual_report(
    partnership, year: FinancialYear, *, narrative: dict[str, str] | None = None
) -> Document:
    """The full (restricted) annual monitoring report for ``year``; see the module docstring."""
    narrative = dict(narrative or {})
    short_name = partnership.short_name or partnership.name
    title = f"{partnership.name} annual monitoring report {year.label}"
    sections = [
        background_section(partnership, year, narrative, short_name),
        workstreams_section(partnership, year, SECTION_TITLES[1].format(short_name=short_name)),
        Section(title=SECTION_TITLES[2], blocks=_paragraphs(narrative, "alternative_options")),
        Section(title=SECTION_TITLES[3], blocks=_paragraphs(narrative, "consultation")),
        Section(title=SECTION_TITLES[4], blocks=_paragraphs(narrative, "risks")),
        implications_section(narrative),
        Section(title=SECTION_TITLES[6], blocks=_paragraphs(narrative, "appendices")),
        Section(title=SECTION_TITLES[7], blocks=background_documents(partnership, narrative)),
    ]
    return Document(
        author=partnership.name,
        title=title,
        edition="restricted",
        front_sheet=front_sheet(partnership, year, narrative, title),
        sections=sections,
    )
