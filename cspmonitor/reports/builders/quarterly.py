"""The quarterly update to the partnership: what changed in one quarter of the action plan.

``build_quarterly_update`` returns the restricted (full) ``Document`` from
``plans.services.quarter_changes`` (the plan's "what changed" page, with every classification):
a summary, the RAG ratings by priority (a chart with its table) and the ratings set or changed
since the previous quarter, the actions completed, priorities adopted or retired, the progress
updates by priority, the outputs recorded and the running actions still without an update.

Classification follows the data (``plans.classification``): an action linked to a restricted
homicide review is OFFICIAL-SENSITIVE with its updates, so every list and table names it only in
a block of its own marked OFFICIAL-SENSITIVE, the summary counts and the RAG chart count only
OFFICIAL actions, and the public edition says nothing of the case. Each output keeps its own
classification, so OFFICIAL-SENSITIVE outputs (referrals, say) are left out of the public edition.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from cspmonitor.accounts.models import Classification
from cspmonitor.periods import Quarter
from cspmonitor.plans.models import Action, Priority
from cspmonitor.plans.services import RAG_COLUMNS, QuarterChanges, quarter_changes
from cspmonitor.reports.blocks import (
    OFFICIAL,
    OFFICIAL_SENSITIVE,
    Block,
    Cell,
    Document,
    Figure,
    ListBlock,
    Paragraph,
    Section,
    Table,
)
from cspmonitor.reports.builders.annual_charts import data_table, rag_chart
from cspmonitor.reports.builders.workstreams import sentence

CRIME_PARAGRAPH = 7  # Schedule 12A paragraph for restricted outputs, as in ``workstreams``
IDENTITY_PARAGRAPH = 2  # for actions following a homicide review, as in ``workstreams``
NOT_RATED = "Not rated"  # the label RAG_COLUMNS gives an action with no rating this quarter

SECTION_TITLES = [
    "Summary",
    "RAG ratings",
    "Actions completed",
    "Priorities adopted or retired",
    "Progress by priority",
    "Outputs recorded",
    "Actions still without an update",
]


class _EveryClassification:
    """The access the full (restricted) edition is built with: every classification."""

    def visible_classifications(self) -> list[str]:
        return list(Classification.values)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _official(action: Action) -> bool:
    return action.classification == OFFICIAL


def _split(items, action_of) -> tuple[list, list]:
    """(items about OFFICIAL actions, items about OFFICIAL-SENSITIVE ones)."""
    official = [item for item in items if _official(action_of(item))]
    return official, [item for item in items if not _official(action_of(item))]


def _restricted_action_block(block: Block) -> Block:
    return _marked(block, OFFICIAL_SENSITIVE, IDENTITY_PARAGRAPH)


def _action(action: Action) -> str:
    return f"{action.reference} {action.title} (led by {action.lead_organisation.name})"


def _by_priority(items, priority_of) -> dict[Priority, list]:
    """Items grouped by priority, priorities in the plan's order (workstreams' order)."""
    grouped: dict[Priority, list] = defaultdict(list)
    for item in items:
        grouped[priority_of(item)].append(item)
    return dict(sorted(grouped.items(), key=lambda pair: (pair[0].kind, pair[0].order, pair[0].title)))


def quarter_ratings(changes: QuarterChanges) -> list[tuple[str, list[int]]]:
    """Each priority's actions counted by the RAG rating of their update this quarter, in
    ``RAG_COLUMNS`` order; a running action with no update this quarter counts as not rated."""
    rated = [(u.action, u.rag) for u in changes.updates if _official(u.action)]
    rated += [(a, "") for a in changes.missing if _official(a)]
    grouped = _by_priority(rated, lambda pair: pair[0].objective.priority)
    rows = []
    for priority, pairs in grouped.items():
        counted = Counter(rag for _action, rag in pairs)
        rows.append((priority.title, [counted[key] for key, _label in RAG_COLUMNS]))
    return rows


def rag_figure(changes: QuarterChanges) -> Figure | None:
    """OFFICIAL actions by priority and RAG rating this quarter (OFFICIAL-SENSITIVE ones are rated
    in a restricted table of their own). Counts of actions, not of people, and every action is
    named in the document, so no cell carries a ``count``."""
    rows = quarter_ratings(changes)
    if not rows:
        return None
    labels = [label for _key, label in RAG_COLUMNS]
    totals = [sum(counts[i] for _title, counts in rows) for i in range(len(labels))]
    caption = f"Actions by priority and RAG rating, {changes.quarter.label}"
    body = [[Cell(title), *[Cell(str(n)) for n in counts], Cell(str(sum(counts)))] for title, counts in rows]
    body.append([Cell("All priorities"), *[Cell(str(n)) for n in totals], Cell(str(sum(totals)))])
    message = ", ".join(f"{n} {label.lower()}" for n, label in zip(totals, labels, strict=True))
    reds = [f"{title} ({counts[0]})" for title, counts in rows if counts[0]]
    alt = f"Bar chart of the {sum(totals)} actions due an update in {changes.quarter.label}: {message}."
    if reds:
        alt += f" Rated red: {', '.join(reds)}."
    return Figure(
        caption=caption,
        alt=alt,
        image=rag_chart(rows),
        data_table=data_table(
            caption,
            headers=["Priority", *labels, "Actions"],
            rows=body,
            numeric_columns=list(range(1, len(labels) + 2)),
            total_rows=[len(body) - 1],
        ),
    )


def _marked(block: Block, classification: str, paragraph: int = CRIME_PARAGRAPH) -> Block:
    block.classification = classification
    if classification != OFFICIAL:
        block.schedule_12a = paragraph
    return block


def summary_section(changes: QuarterChanges) -> Section:
    outputs = [item for group in changes.outputs for item in group.items]
    official = sum(1 for item in outputs if item.classification == OFFICIAL)
    updates, restricted_updates = _split(changes.updates, lambda u: u.action)
    rag_changes, restricted_rag = _split(changes.rag_changes, lambda c: c.action)
    completed, restricted_completed = _split(changes.completed, lambda a: a)
    missing, restricted_missing = _split(changes.missing, lambda a: a)
    blocks: list[Block] = [
        ListBlock(
            intro=f"In {changes.quarter.long_label}:",
            items=[
                f"{_plural(len(updates), 'progress update')} written",
                f"{_plural(len(rag_changes), 'RAG rating')} set or changed",
                f"{_plural(len(completed), 'action')} completed",
                f"{len(changes.adopted)} {'priority' if len(changes.adopted) == 1 else 'priorities'} adopted "
                f"and {len(changes.retired)} retired",
                f"{_plural(official, 'output')} recorded",
                f"{_plural(len(missing), 'running action')} without an update",
            ],
            lettered=False,
        )
    ]
    if restricted_updates or restricted_missing or restricted_completed or restricted_rag:
        text = (
            "OFFICIAL-SENSITIVE actions, not counted above: "
            f"{_plural(len(restricted_updates), 'progress update')}, "
            f"{_plural(len(restricted_rag), 'RAG rating')} set or changed, "
            f"{_plural(len(restricted_completed), 'action')} completed and "
            f"{_plural(len(restricted_missing), 'running action')} without an update."
        )
        blocks.append(_restricted_action_block(Paragraph(text=text)))
    if official < len(outputs):
        restricted = len(outputs) - official
        were = "was" if restricted == 1 else "were"
        text = f"A further {_plural(restricted, 'OFFICIAL-SENSITIVE output')} {were} recorded."
        blocks.append(_marked(Paragraph(text=text), OFFICIAL_SENSITIVE))
    return Section(title=SECTION_TITLES[0], blocks=blocks)


def rag_section(changes: QuarterChanges) -> Section:
    blocks: list[Block] = []
    figure = rag_figure(changes)
    if figure is not None:
        blocks.append(figure)
        blocks.append(Paragraph(text=f"{NOT_RATED}: a running action with no update this quarter."))
    rows = [
        [Cell(_action(u.action)), Cell(u.get_rag_display())]
        for u in changes.updates
        if not _official(u.action)
    ]
    rows += [[Cell(_action(a)), Cell(NOT_RATED)] for a in changes.missing if not _official(a)]
    if rows:
        caption = f"RAG ratings of OFFICIAL-SENSITIVE actions, {changes.quarter.label}"
        table = Table(caption=caption, headers=["Action", "Rating"], rows=rows)
        blocks.append(_restricted_action_block(table))
    official, restricted = _split(changes.rag_changes, lambda c: c.action)
    for changed, marking in ((official, OFFICIAL), (restricted, OFFICIAL_SENSITIVE)):
        if not changed:
            continue
        caption = f"RAG ratings set or changed since {changes.quarter.previous().label}"
        if marking != OFFICIAL:
            caption += " (OFFICIAL-SENSITIVE actions)"
        table = Table(
            caption=caption,
            headers=["Action", "Before", "Now", "Reason"],
            rows=[
                [
                    Cell(_action(c.action)),
                    Cell(c.before or "No update"),
                    Cell(c.after),
                    Cell(c.update.rag_reason),
                ]
                for c in changed
            ],
        )
        blocks.append(table if marking == OFFICIAL else _restricted_action_block(table))
    if not official:
        blocks.append(Paragraph(text="No RAG rating was set or changed this quarter."))
    return Section(title=SECTION_TITLES[1], blocks=blocks)


def completed_section(changes: QuarterChanges) -> Section:
    official, restricted = _split(sorted(changes.completed, key=lambda a: a.reference), lambda a: a)
    blocks: list[Block] = [
        ListBlock(items=[_action(a) for a in official], intro="Completed this quarter:")
        if official
        else Paragraph(text="No action was completed this quarter.")
    ]
    if restricted:
        items = [_action(a) for a in restricted]
        intro = "OFFICIAL-SENSITIVE actions completed this quarter:"
        blocks.append(_restricted_action_block(ListBlock(items=items, intro=intro)))
    return Section(title=SECTION_TITLES[2], blocks=blocks)


def priorities_section(changes: QuarterChanges) -> Section:
    blocks: list[Block] = []
    for priority in changes.adopted:
        by = f" by the {priority.adopted_by.name}" if priority.adopted_by else ""
        blocks.append(Paragraph(text=f"{priority.title} was adopted on {priority.adopted_on:%-d %B %Y}{by}."))
    for priority in changes.retired:
        blocks.append(Paragraph(text=f"{priority.title} was retired on {priority.retired_on:%-d %B %Y}."))
    if not blocks:
        blocks.append(Paragraph(text="No priority was adopted or retired this quarter."))
    return Section(title=SECTION_TITLES[3], blocks=blocks)


def progress_section(changes: QuarterChanges) -> Section:
    section = Section(title=SECTION_TITLES[4])
    for priority, updates in _by_priority(changes.updates, lambda u: u.action.objective.priority).items():
        blocks: list[Block] = []
        for update in sorted(updates, key=lambda u: u.action.reference):
            text = f"{_action(update.action)}, rated {update.get_rag_display().lower()}: {update.narrative}"
            paragraph = Paragraph(text=text)
            blocks.append(paragraph if _official(update.action) else _restricted_action_block(paragraph))
        section.subsections.append(Section(title=priority.title, blocks=blocks))
    if not section.subsections:
        section.blocks.append(Paragraph(text="No progress updates were written for this quarter."))
    return section


def outputs_section(changes: QuarterChanges) -> Section:
    """One sub-section per priority; each classification's outputs in a list of their own."""
    section = Section(title=SECTION_TITLES[5])
    outputs = [item for group in changes.outputs for item in group.items]
    for priority, items in _by_priority(outputs, lambda o: o.priority).items():
        by_class: dict[str, list[str]] = defaultdict(list)
        for output in sorted(items, key=lambda o: (o.period_end, o.pk)):
            by_class[output.classification].append(sentence(output))
        blocks = [
            _marked(ListBlock(items=texts, lettered=False), classification)
            for classification, texts in sorted(by_class.items(), key=lambda pair: pair[0] != OFFICIAL)
        ]
        section.subsections.append(Section(title=priority.title, blocks=blocks))
    if not section.subsections:
        section.blocks.append(Paragraph(text="No outputs were recorded for this quarter."))
    return section


def missing_section(changes: QuarterChanges) -> Section:
    official, restricted = _split(sorted(changes.missing, key=lambda a: a.reference), lambda a: a)
    intro = "These actions were running this quarter but have no update yet:"
    blocks: list[Block] = [
        ListBlock(items=[_action(a) for a in official], intro=intro)
        if official
        else Paragraph(text="Every running action has an update for this quarter.")
    ]
    if restricted:
        intro = "These OFFICIAL-SENSITIVE actions were running this quarter but have no update yet:"
        blocks.append(
            _restricted_action_block(ListBlock(items=[_action(a) for a in restricted], intro=intro))
        )
    return Section(title=SECTION_TITLES[6], blocks=blocks)


def build_quarterly_update(partnership, quarter: Quarter) -> Document:
    """The full (restricted) quarterly update for ``quarter``; see the module docstring."""
    changes = quarter_changes(partnership, quarter, _EveryClassification())
    return Document(
        author=partnership.name,
        title=f"{partnership.name} quarterly update: {quarter.long_label}",
        edition="restricted",
        sections=[
            summary_section(changes),
            rag_section(changes),
            completed_section(changes),
            priorities_section(changes),
            progress_section(changes),
            outputs_section(changes),
            missing_section(changes),
        ],
    )
