"""Section 2 of the annual report: two charts of the year at a glance (``annual_charts``), then one
sub-section per priority in force in the year, with the actions' latest updates, the outputs
recorded against the priority (as sentences and tables), and the statutory reviews (DHRs, ASB
Case Reviews, Serious Violence Duty).

Every block takes the classification of the record it comes from, so the public edition can
leave out what is OFFICIAL-SENSITIVE.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from cspmonitor.activity.models import (
    OUTPUT_KINDS,
    Award,
    Campaign,
    Event,
    Intervention,
    NetworkCount,
    Output,
    Referral,
    SupportService,
    TrainingCompliance,
    TrainingSession,
)
from cspmonitor.periods import FinancialYear
from cspmonitor.plans.models import Action, Priority, ProgressUpdate
from cspmonitor.reports.blocks import (
    OFFICIAL,
    OFFICIAL_SENSITIVE,
    Block,
    Cell,
    ListBlock,
    Paragraph,
    Section,
    Table,
)
from cspmonitor.reports.builders.annual_charts import rag_figure, reach_figure
from cspmonitor.reviews.asb.figures import annual_figures
from cspmonitor.reviews.models import DomesticHomicideReview, ReviewPause, Stage, SvdMilestone, SvdUpdate

#: Schedule 12A paragraphs used for the blocks this module marks restricted.
CRIME_PARAGRAPH = 7  # prevention, investigation or prosecution of crime
IDENTITY_PARAGRAPH = 2  # likely to reveal the identity of an individual

#: How a DHR's stage is described to a committee: in general words, never the case detail.
STAGE_WORDS = {
    Stage.NOTIFIED: "has been notified to the partnership, which has yet to decide whether to review it",
    Stage.DECISION: "is being considered by the partnership, which is deciding whether to commission "
    "a review",
    Stage.COMMISSIONED: "has been commissioned and the panel is being set up",
    Stage.PANEL_MEETINGS: "is under way, with the review panel meeting",
    Stage.DRAFTING: "is at the stage of drafting the overview report",
    Stage.REPORT_COMPLETE: "has a completed overview report and action plan",
    Stage.SUBMITTED: "has been completed, with its action plan, and is with the Home Office Quality "
    "Assurance Panel; it will be published once the partnership hears back",
    Stage.QA_FEEDBACK: "has had feedback from the Home Office Quality Assurance Panel, which the partnership "
    "is addressing",
    Stage.APPROVED: "has been approved by the Home Office for publication",
    Stage.PUBLISHED: "has been published",
    Stage.NOT_COMMISSIONED: "was considered, and the partnership decided a review was not needed",
}

PAUSE_WORDS = {
    ReviewPause.Reason.CRIMINAL_PROCEEDINGS: "criminal proceedings",
    ReviewPause.Reason.INQUEST: "an inquest",
    ReviewPause.Reason.OTHER: "other proceedings",
}


def span(start: dt.date, end: dt.date) -> str:
    """'between April 2022 and March 2023', 'in October 2022' or 'at 31 March 2023'."""
    if start == end:
        return f"at {end.day} {end:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"in {end:%B %Y}"
    return f"between {start:%B %Y} and {end:%B %Y}"


def _marked(block: Block, classification: str, paragraph: int = CRIME_PARAGRAPH) -> Block:
    block.classification = classification
    if classification != OFFICIAL:
        block.schedule_12a = block.schedule_12a or paragraph
    return block


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def sentence(output: Output) -> str:
    """One sentence giving an output's figures, in report style; free-text fields keep their case."""
    when = span(output.period_start, output.period_end)
    if isinstance(output, TrainingSession):
        who = output.get_audience_display().lower()
        return (
            f"{output.topic}: {output.people_reached:,} {who} took part in "
            f"{_plural(output.sessions, 'session')} delivered by {output.delivered_by} {when}."
        )
    if isinstance(output, Event):
        return f"{output.name}: {output.attendance} attended, {when}."
    if isinstance(output, Campaign):
        channels = f" ({output.channels})" if output.channels else ""
        return f"{output.headline()} ran {when}{channels}."
    if isinstance(output, NetworkCount):
        return f"{output.network}: {output.count:,} {output.measure} ({output.scope}) {when}."
    if isinstance(output, Intervention):
        measures = f", with measures such as {_lower_first(output.measures)}" if output.measures else ""
        return f"{output.name}: {output.count:,} {output.unit} supported in {output.area} {when}{measures}."
    if isinstance(output, Award):
        nominated = (
            f", with {output.nominees:,} young people nominated" if output.nominees is not None else ""
        )
        return (
            f"{output.scheme}: {_plural(output.applications, 'application')} from {output.area}"
            f"{nominated} ({when})."
        )
    if isinstance(output, TrainingCompliance):
        due = f" of {output.required:,} due" if output.required else ""
        return (
            f"{output.module}: {output.completions:,}{due} completions {when} "
            f"({output.audience}; {_lower_first(output.cycle)})."
        )
    return f"{output.headline()} ({when})."


def outputs_for(priority: Priority, year: FinancialYear) -> dict[type[Output], list[Output]]:
    found: dict[type[Output], list[Output]] = {}
    for model in OUTPUT_KINDS:
        rows = list(model.objects.filter(priority=priority).in_year(year).order_by("period_start", "pk"))
        if rows:
            found[model] = rows
    return found


def latest_updates(priority: Priority, year: FinancialYear) -> list[tuple[Action, ProgressUpdate]]:
    labels = [quarter.label for quarter in year.quarters()]
    pairs = []
    actions = Action.objects.filter(objective__priority=priority).in_year(year).order_by("reference")
    for action in actions.select_related("lead_organisation"):
        update = action.updates.filter(period__in=labels).order_by("-period", "-written_at").first()
        if update is not None:
            pairs.append((action, update))
    return pairs


def training_table(sessions: list[TrainingSession]) -> Table:
    sensitive = any(s.classification != OFFICIAL for s in sessions)
    table = Table(
        caption="Training and awareness sessions",
        headers=["Topic", "Audience", "Sessions", "People reached"],
        rows=[
            [
                Cell(s.topic),
                Cell(s.get_audience_display()),
                Cell(str(s.sessions)),
                Cell(f"{s.people_reached:,}", count=s.people_reached),
            ]
            for s in sessions
        ],
        numeric_columns=[2, 3],
    )
    _marked(table, OFFICIAL_SENSITIVE if sensitive else OFFICIAL)
    return table


def referral_table(referrals: list[Referral], year: FinancialYear) -> Table:
    """Referrals by route and quarter with a total row; always kept with its classification."""
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, str] = {}
    for referral in referrals:
        counts[referral.route][referral.quarter.number] += referral.count
        names[referral.route] = referral.get_route_display()
    routes = sorted(counts, key=lambda r: names[r])
    rows = [
        [Cell(names[r]), *[Cell(str(counts[r][q]), count=counts[r][q]) for q in (1, 2, 3, 4)]] for r in routes
    ]
    rows.append(
        [
            Cell("Total"),
            *[
                Cell(str(total), count=total)
                for total in (sum(counts[r][q] for r in routes) for q in (1, 2, 3, 4))
            ],
        ]
    )
    classification = max((r.classification for r in referrals), key=lambda c: c != OFFICIAL)
    table = Table(
        caption=f"Referrals by route and quarter, {year.label}",
        headers=["Route", *[f"Q{q}" for q in (1, 2, 3, 4)]],
        rows=rows,
        numeric_columns=[1, 2, 3, 4],
        total_rows=[len(rows) - 1],
    )
    return _marked(table, classification)  # type: ignore[return-value]


def priority_section(priority: Priority, year: FinancialYear) -> Section:
    section = Section(title=priority.title)
    if priority.description:
        section.blocks.append(Paragraph(text=priority.description))
    # An objective or action linked to a restricted review is restricted with it
    # (plans.classification), so the public edition says nothing of the case beyond section 2.3.
    for objective in priority.objectives.all():
        if objective.description:
            text = f"{objective.title}: {objective.description}"
            section.blocks.append(_marked(Paragraph(text=text), objective.classification, IDENTITY_PARAGRAPH))
    for action, update in latest_updates(priority, year):
        text = f"{action.title} (led by {action.lead_organisation.name}): {update.narrative}"
        section.blocks.append(_marked(Paragraph(text=text), action.classification, IDENTITY_PARAGRAPH))
    found = outputs_for(priority, year)
    for model, rows in found.items():
        if model is SupportService:
            continue
        if model is Referral:
            section.blocks.append(referral_table(rows, year))  # type: ignore[arg-type]
            continue
        for output in rows:
            section.blocks.append(_marked(Paragraph(text=sentence(output)), output.classification))
        if model is TrainingSession and len(rows) > 1:
            section.blocks.append(training_table(rows))  # type: ignore[arg-type]
    services = found.get(SupportService, [])
    if services:
        by_class: dict[str, list[str]] = defaultdict(list)
        for service in services:
            assert isinstance(service, SupportService)
            detail = f": {service.notes}" if service.notes else ""
            provider = f" ({service.provider})" if service.provider != service.name else ""
            by_class[service.classification].append(f"{service.name}{provider}{detail}")
        commissioners = sorted({s.commissioned_by for s in services if isinstance(s, SupportService)})
        for classification, items in by_class.items():
            intro = f"Services commissioned by {' and by '.join(commissioners)} that residents can use:"
            section.blocks.append(_marked(ListBlock(items=items, intro=intro), classification))
    return section


def dhr_section(partnership, year: FinancialYear) -> Section | None:
    reviews = [
        review
        for review in DomesticHomicideReview.objects.for_partnership(partnership)
        .filter(notified_on__lte=year.end)
        .order_by("died_on", "reference")
        .prefetch_related("pauses")
        if not review.is_closed or (review.published_on and review.published_on >= year.start)
    ]
    if not reviews:
        return None
    section = Section(title="Domestic Homicide Reviews")
    section.blocks.append(
        Paragraph(
            text="The partnership must carry out a Domestic Homicide Review when a person aged 16 or over "
            "has died, or appears to have died, through violence, abuse or neglect by a relative, a member "
            "of their household or someone they have been in an intimate relationship with "
            "(Domestic Violence, Crime and Victims Act 2004, section 9)."
        )
    )
    under_way = sum(1 for r in reviews if not r.is_closed)
    section.blocks.append(
        Paragraph(
            text=f"{_plural(under_way, 'Domestic Homicide Review')} "
            f"{'was' if under_way == 1 else 'were'} under way in {year.label}."
        )
    )
    for review in reviews:
        stage = STAGE_WORDS[Stage(review.stage)]
        text = f"Review {review.reference}, following a death in {review.died_on.year}, {stage}."
        reasons = sorted({PAUSE_WORDS[ReviewPause.Reason(p.reason)] for p in review.pauses.all()})
        if reasons:
            text += f" It was delayed while {' and '.join(reasons)} took place."
        section.blocks.append(
            _marked(Paragraph(text=text), review.classification or OFFICIAL_SENSITIVE, IDENTITY_PARAGRAPH)
        )
    return section


def asb_table(partnership, year: FinancialYear) -> Table:
    figures = annual_figures(partnership, year)
    # These four totals are the figures s104(10) of the Anti-social Behaviour, Crime and Policing
    # Act 2014 says must be published each year, however small; they count applications, with no
    # breakdown that could point to a person, so they are not offered for small-number suppression.
    return Table(
        caption=f"Anti-social behaviour case reviews, {year.label}",
        headers=["Figure", "Count"],
        rows=[[Cell(label), Cell(str(value))] for label, value in figures.rows()],
        numeric_columns=[1],
    )


def svd_blocks(partnership, year: FinancialYear) -> Iterable[Block]:
    milestones = list(SvdMilestone.objects.filter(partnership=partnership))
    for milestone in milestones:
        if milestone.completed_on:
            done, due = f"{milestone.completed_on:%-d %B %Y}", f"{milestone.due_on:%-d %B %Y}"
            text = f"{milestone.title}: done on {done} (due by {due})."
        else:
            text = f"{milestone.title}: due by {milestone.due_on:%-d %B %Y}."
        yield _marked(Paragraph(text=text), milestone.classification)
    labels = [quarter.label for quarter in year.quarters()]
    update = SvdUpdate.objects.filter(partnership=partnership, period__in=labels).first()
    if update is not None:
        yield _marked(Paragraph(text=update.narrative), update.classification)


SVD_INTRO = (
    "The Serious Violence Duty (Police, Crime, Sentencing and Courts Act 2022) requires specified "
    "authorities to work together to understand, prevent and reduce serious violence."
)


def _matches(priority: Priority, *words: str) -> bool:
    title = priority.title.lower().replace("-", " ")
    return any(word in title for word in words)


def workstreams_section(partnership, year: FinancialYear, title: str) -> Section:
    section = Section(title=title)
    priorities = list(
        Priority.objects.for_partnership(partnership)
        .in_year(year)
        .select_related("adopted_by", "lead_organisation")
        .order_by("kind", "order", "title")
    )
    dhr = dhr_section(partnership, year)
    dhr_after = set(
        DomesticHomicideReview.objects.for_partnership(partnership).values_list(
            "action_items__action__objective__priority", flat=True
        )
    )
    # The year at a glance before the detail: unnumbered, so the priorities stay 2.1, 2.2…
    section.blocks.extend(f for f in (rag_figure(priorities, year), reach_figure(priorities, year)) if f)
    placed_asb = placed_svd = False
    for priority in priorities:
        child = priority_section(priority, year)
        if _matches(priority, "anti social behaviour"):
            child.blocks.append(asb_table(partnership, year))
            placed_asb = True
        if _matches(priority, "serious violence"):
            child.blocks.extend(svd_blocks(partnership, year))
            placed_svd = True
        section.subsections.append(child)
        if dhr is not None and priority.pk in dhr_after:
            section.subsections.append(dhr)
            dhr = None
    if dhr is not None:
        section.subsections.append(dhr)
    if not placed_asb:
        section.subsections.append(
            Section(title="Anti-social behaviour case reviews", blocks=[asb_table(partnership, year)])
        )
    if not placed_svd:
        blocks = list(svd_blocks(partnership, year))
        if blocks:
            blocks.insert(0, Paragraph(text=SVD_INTRO))
            section.subsections.append(Section(title="Serious Violence Duty", blocks=blocks))
    return section
