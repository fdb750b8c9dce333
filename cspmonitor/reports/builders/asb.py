"""The ASB Case Review annual publication: the figures the law says must be published each
year, and how the procedure works.

Section 104(10) of the Anti-social Behaviour, Crime and Policing Act 2014 requires the relevant
bodies to publish, at least every 12 months, the number of applications for an ASB Case Review,
the number of times the threshold was not met, the number of reviews carried out and the number
that resulted in recommendations. ``build_asb_publication`` returns the full ``Document``:

1. the year's four figures (``reviews.asb.figures``), in the same table the annual report uses
   (``workstreams.asb_table``), with how each is counted;
2. what an ASB Case Review is and who may apply;
3. the threshold, from the local rule set in force at the end of the year (``reviews/rules``);
4. how to apply, and the timescales the partnership works to.

Everything here is OFFICIAL. The four figures are published whole even when small: they count
applications and carry no breakdown that could point to a person, so they are not offered for
suppression; no other figure is given.
"""

from __future__ import annotations

from cspmonitor.periods import FinancialYear
from cspmonitor.reports.blocks import Block, Document, ListBlock, Paragraph, Section
from cspmonitor.reports.builders.workstreams import NUMBER_WORDS, asb_table
from cspmonitor.reviews.asb.figures import COUNTING_RULES, annual_figures
from cspmonitor.reviews.asb.models import KIND, CaseReviewApplication
from cspmonitor.reviews.rules.rulesets import RuleSet, Threshold, configured, current_ruleset
from cspmonitor.reviews.statutory import configuration

LAW = "the Anti-social Behaviour, Crime and Policing Act 2014"


def _sentence_case(text: str) -> str:
    return text[:1].lower() + text[1:]


def _months(count: int) -> str:
    words = {1: "one", 2: "two", 3: "three", 6: "six", 12: "twelve"}
    return f"{words.get(count, str(count))} month{'' if count == 1 else 's'}"


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _count(number: int) -> str:
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else f"{number:,}"


def _plural(number: int, word: str) -> str:
    return f"{_count(number)} {word}{'' if number == 1 else 's'}"


def figures_section(partnership, year: FinancialYear) -> Section:
    figures = annual_figures(partnership, year)
    not_met = figures.threshold_not_met
    # Counts are written so they read as sentences: "once", "twice", "3 times"; never "1 time".
    decided = {0: "in no case", 1: "once", 2: "twice"}.get(not_met, f"{not_met} times")
    text = (
        f"Between {year.start:%-d %B %Y} and {year.end:%-d %B %Y} the partnership received "
        f"{_plural(figures.applications, 'application')} for an ASB Case Review. It decided {decided} "
        f"that the threshold was not met, carried out {_plural(figures.reviews, 'review')}, and "
        f"{_count(figures.reviews_with_recommendations)} of those reviews made recommendations."
    )
    return Section(
        title=f"The figures for {year.label}",
        blocks=[
            Paragraph(
                text=f"Section 104(10) of {LAW} requires the relevant bodies in the area (the council, the "
                "police, health bodies and social housing providers) to publish these four figures at least "
                "every 12 months."
            ),
            Paragraph(text=text),
            asb_table(partnership, year),
            ListBlock(
                intro="How the figures are counted:",
                items=[f"{label}: {_sentence_case(rule)}" for label, rule in COUNTING_RULES],
            ),
            Paragraph(
                text="Each figure counts what happened in the year, by the date it happened, so an "
                "application received in March and reviewed in April counts in both years, and the "
                "figures need not add up."
            ),
            Paragraph(
                text="No breakdown (by district, by who applied or by month) is published: with so few "
                "applications a year, one could point to the people involved."
            ),
        ],
    )


def about_section() -> Section:
    made_by = CaseReviewApplication.MadeBy
    # The labels read "A family member, for the victim": the people who may apply for a victim.
    others = [
        _sentence_case(label.split(",")[0]) for value, label in made_by.choices if value != made_by.VICTIM
    ]
    return Section(
        title="What an ASB Case Review is",
        blocks=[
            Paragraph(
                text="A victim of persistent anti-social behaviour can ask the agencies responsible for "
                "dealing with it (the council, the police, health bodies and social housing providers) to "
                "review together how they have responded, and to agree what more should be done "
                f"({LAW}, section 104 and Schedule 4)."
            ),
            Paragraph(text=f"The victim can apply, or someone can apply for them: {_names(others)}."),
        ],
    )


def _qualifying(threshold: Threshold) -> str:
    if threshold.qualifying_months:
        return _months(threshold.qualifying_months)
    return f"{threshold.qualifying_days} days"


def threshold_section(ruleset: RuleSet) -> Section:
    threshold = ruleset.threshold
    if threshold is None:
        raise ValueError(f"The rule set {ruleset.kind}-{ruleset.version} has no threshold")
    blocks: list[Block] = [
        Paragraph(
            text=f"A review is carried out when {threshold.complaints} or more qualifying complaints about "
            f"the behaviour were made in the {_months(threshold.months)} before the application. A complaint "
            f"qualifies when it was made within {_qualifying(threshold)} of the behaviour it describes. "
            "Complaints about the same incident count once."
        )
    ]
    if threshold.alternatives:
        blocks.append(
            ListBlock(
                intro="The threshold is also met by:",
                items=[alternative.label for alternative in threshold.alternatives],
            )
        )
    blocks.append(
        Paragraph(
            text="When none of these is met the partnership may still decide to carry out a review, for "
            "example when the victim is vulnerable."
        )
    )
    return Section(title="The threshold", blocks=blocks)


def _rules_sentence(ruleset: RuleSet) -> str:
    """Which rules the procedure follows, in words for the public: the built-in default set is the
    Act's own procedure, not a title with "(default local rules)" in it."""
    since = f"{ruleset.effective_from:%-d %B %Y}" if ruleset.effective_from else "their adoption"
    if ruleset.version == "default":
        return (
            f"This procedure follows {LAW} and the partnership's standard local procedure, "
            f"in force since {since}."
        )
    return (
        f'This procedure follows the partnership\'s local rules, "{ruleset.title}", in force since {since}.'
    )


def contact(partnership) -> str:
    """Whom to contact to apply: the partnership's recorded description of where applications go
    (a SERVICE description named for case reviews), else the partner leading its anti-social
    behaviour priority, with its website when recorded."""
    from cspmonitor.plans.models import Priority
    from cspmonitor.reports.models import Description

    described = (
        Description.objects.for_partnership(partnership)
        .filter(topic=Description.Topic.SERVICE, name__icontains="case review", classification="official")
        .first()
    )
    if described is not None:
        link = f" ({described.url})" if described.url else ""
        return f"{described.text.strip().rstrip('.')}{link}."
    priority = (
        Priority.objects.for_partnership(partnership)
        .filter(title__icontains="anti-social")
        .select_related("lead_organisation")
        .first()
    )
    if priority is not None:
        lead = priority.lead_organisation
        link = f" ({lead.website})" if lead.website else ""
        leads = "which leads the partnership's work on anti-social behaviour"
        return f"Applications go to {lead.name}{link}, {leads}."
    return f"Applications go to the {partnership.name}."


HOW_TO_APPLY = [
    "Note each incident you have reported: when it happened, whom you reported it to, and any "
    "reference number you were given.",
    "Contact the partnership as below and say that you are asking for an ASB Case Review. You can "
    "apply yourself, or someone can apply for you with your consent: a family member, a friend, a "
    "councillor or MP, or an agency that supports you.",
    "The partnership acknowledges your application, checks it against the threshold and tells you "
    "whether a review will be held, within the timescales below.",
]


def applying_section(ruleset: RuleSet, partnership) -> Section:
    ways = [_sentence_case(label) for label in CaseReviewApplication.Received.labels]
    return Section(
        title="How to apply",
        blocks=[
            ListBlock(intro="To apply for an ASB Case Review:", items=HOW_TO_APPLY),
            Paragraph(text=f"Whom to contact: {contact(partnership)}"),
            Paragraph(text=f"Apply to the partnership by {_names(ways)}."),
            ListBlock(
                intro="The partnership works to these timescales:",
                items=[
                    f"{stage.label}: within {stage.target_label} (counted from: "
                    f"{ruleset.event(stage.starts_from).label.lower()})"
                    for stage in ruleset.stages
                ],
            ),
            Paragraph(
                text="An applicant who is not satisfied with the way the application was dealt with, or with "
                "the outcome of the review, can ask for it to be looked at again."
            ),
            Paragraph(text=_rules_sentence(ruleset)),
        ],
    )


def build_asb_publication(partnership, year: FinancialYear) -> Document:
    """The ASB Case Review publication for ``year``; see the module docstring."""
    config = configuration(partnership)
    ruleset = configured(current_ruleset(KIND, year.end, config), config)
    return Document(
        author=partnership.name,
        title=f"{partnership.name}: anti-social behaviour (ASB) Case Reviews {year.label}",
        edition="restricted",
        sections=[
            figures_section(partnership, year),
            about_section(),
            threshold_section(ruleset),
            applying_section(ruleset, partnership),
        ],
    )
