"""One priority of the annual report's section 2, written as prose from the records.

The paragraphs follow the questions a committee asks of each priority, in this order:

1. **What it is and why** — the priority's description, what the partnership recorded about its
   context (``Description`` CONTEXT), any term defined (DEFINITION), and the groups and
   networks that carry the work (GROUP).
2. **What was done** — for each objective, every quarterly update of the year (not just the
   last), in quarter order with repeated sentences dropped; then services and campaigns
   described for members. An update sentence that gives a figure is left out when the action
   has outputs, because the figures paragraph states it (so no fact is told twice).
3. **What it achieved, in figures** — one sentence per output (``workstreams.sentence``).
4. **What is behind and why** — every action rated red or amber in any quarter of the year, with
   the reason given in its latest red or amber update, what was being done about it, and where
   it stood at the end of the year.
5. **What comes next** — the priority's NEXT_STEPS descriptions.

Each block takes the classification of what it comes from, so the public edition withholds
restricted text with its Schedule 12A paragraph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from cspmonitor.periods import FinancialYear, Quarter
from cspmonitor.plans.models import Action, Priority, ProgressUpdate, Rag
from cspmonitor.reports.blocks import OFFICIAL, Block, ListBlock, Paragraph
from cspmonitor.reports.models import Description

_FIGURE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)\b", re.IGNORECASE
)
_RAG_WORDS = {Rag.RED: "red", Rag.AMBER: "amber"}


def classification_of(record) -> str:
    """A record's classification; records that carry none (actions, updates) are OFFICIAL."""
    return getattr(record, "classification", "") or OFFICIAL


def marked(block: Block, classification: str, paragraph: int = 7) -> Block:
    block.classification = classification
    if classification != OFFICIAL:
        block.schedule_12a = block.schedule_12a or paragraph
    return block


def _stricter(*classifications: str) -> str:
    return max(classifications, key=lambda c: c != OFFICIAL)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def full_stop(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def descriptions(priority: Priority, topic: str) -> list[Description]:
    return list(
        Description.objects.filter(priority=priority, topic=topic)
        .select_related("group")
        .order_by("order", "name", "pk")
    )


def why_blocks(priority: Priority) -> Iterable[Block]:
    context = descriptions(priority, Description.Topic.CONTEXT)
    # Section 1 lists each priority with its description; here the recorded context says why,
    # and the description stands in only when no context has been written.
    if priority.description and not context:
        yield Paragraph(text=full_stop(priority.description))
    for item in context:
        yield marked(Paragraph(text=full_stop(item.text)), classification_of(item))
    for item in descriptions(priority, Description.Topic.DEFINITION):
        text = f"A {item.name} is {lower_first(full_stop(item.text))}"
        yield marked(Paragraph(text=text), classification_of(item))
    for item in descriptions(priority, Description.Topic.GROUP):
        name = item.group.name if item.group else item.name
        text = f"The {name} {lower_first(full_stop(item.text))}"
        yield marked(Paragraph(text=text), classification_of(item))


def year_updates(action: Action, year: FinancialYear) -> list[ProgressUpdate]:
    labels = [quarter.label for quarter in year.quarters()]
    return list(action.updates.filter(period__in=labels).order_by("period", "written_at"))


def done_blocks(
    priority: Priority, year: FinancialYear, actions_with_outputs: set[int], told: set[str]
) -> Iterable[Block]:
    """One paragraph per objective: what its actions did across the year, each sentence once."""
    for objective in priority.objectives.all():
        actions = Action.objects.filter(objective=objective).in_year(year).order_by("reference")
        said: list[str] = []
        classification = OFFICIAL
        for action in actions.select_related("lead_organisation"):
            for update in year_updates(action, year):
                for line in sentences(update.narrative):
                    key = line.lower().rstrip(".")
                    if key in told or (action.pk in actions_with_outputs and _FIGURE.search(line)):
                        continue
                    told.add(key)
                    said.append(full_stop(line))
                    classification = _stricter(
                        classification, classification_of(update), classification_of(action)
                    )
        if said:
            text = f"{objective.title}: {' '.join(said)}"
            yield marked(Paragraph(text=text), classification)
    for item in descriptions(priority, Description.Topic.SERVICE):
        yield marked(Paragraph(text=f"{item.name}: {full_stop(item.text)}"), classification_of(item))


def campaign_descriptions(priority: Priority) -> dict[str, Description]:
    """Campaign descriptions by name, told beside the campaign's own figures."""
    return {item.name.lower(): item for item in descriptions(priority, Description.Topic.CAMPAIGN)}


def quarter_words(period: str) -> str:
    quarter = Quarter.parse(period)
    return f"the quarter to {quarter.end:%B %Y}"


def behind_blocks(priority: Priority, year: FinancialYear, told: set[str]) -> list[Block]:
    """Every action rated red or amber in any quarter of ``year``: its latest red or amber
    update's reason and response, and how it ended the year. The response's sentences are added
    to ``told`` so the account of what was done does not repeat them."""
    blocks: list[Block] = []
    actions = Action.objects.filter(objective__priority=priority).in_year(year).order_by("reference")
    for action in actions.select_related("lead_organisation"):
        updates = year_updates(action, year)
        flagged = [u for u in updates if u.rag in _RAG_WORDS]
        if not flagged:
            continue
        latest_flag, last = flagged[-1], updates[-1]
        worst = "red" if any(u.rag == Rag.RED for u in flagged) else "amber"
        text = (
            f"{full_stop(action.title)[:-1]} (led by {action.lead_organisation.name}) was rated {worst} "
            f"in {quarter_words(latest_flag.period)} because {lower_first(full_stop(latest_flag.rag_reason))}"
        )
        if latest_flag.narrative.strip():
            text += f" In response: {lower_first(full_stop(latest_flag.narrative))}"
            told.update(line.lower().rstrip(".") for line in sentences(latest_flag.narrative))
        if last is latest_flag:
            text += f" It ended the year rated {_RAG_WORDS[Rag(last.rag)]}."
        else:
            text += (
                f" By {Quarter.parse(last.period).end:%B %Y} it was rated {last.get_rag_display().lower()}."
            )
        classification = _stricter(classification_of(action), classification_of(latest_flag))
        blocks.append(marked(Paragraph(text=text), classification))
    return blocks


def next_blocks(priority: Priority) -> list[Block]:
    return [
        marked(Paragraph(text=full_stop(item.text)), classification_of(item))
        for item in descriptions(priority, Description.Topic.NEXT_STEPS)
    ]


def services_list(services) -> list[Block]:
    """The commissioned services, each once: its name, who runs it when that adds something,
    and what it offers."""
    by_class: dict[str, list[str]] = defaultdict(list)
    for service in services:
        name, provider = service.name.strip(), service.provider.strip()
        same = provider.lower() in name.lower() or name.lower() in provider.lower()
        run_by = "" if same or not provider else f", run by {provider}"
        detail = f": {lower_first(full_stop(service.notes))}" if service.notes else ""
        by_class[service.classification].append(f"{name}{run_by}{detail}")
    commissioners = sorted({s.commissioned_by for s in services})
    intro = f"Residents can use these services, commissioned by {' and by '.join(commissioners)}:"
    return [marked(ListBlock(items=items, intro=intro), c) for c, items in by_class.items()]
