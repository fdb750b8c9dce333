"""The two editions of a report, and the check that a public edition is safe to publish.

* ``restricted_edition``: everything, marked OFFICIAL-SENSITIVE (for members and officers
  cleared to see it).
* ``public_edition``: a copy with every restricted block or section left out and small counts
  suppressed.

What the public edition does:

1. **Restricted content.** Each run of consecutive restricted blocks is replaced by one
   ``Withheld`` note naming the Schedule 12A paragraph that allows it (the blocks' own
   paragraph; paragraph 7, crime, when a block gives none). Blocks with different paragraphs
   start a new run. A restricted sub-section is dropped and a ``Withheld`` note is added to
   its parent's blocks (one per run of consecutive restricted sub-sections); a restricted
   top-level section keeps its title but its content becomes a single ``Withheld`` note.
2. **Primary suppression.** Every table cell with a ``count`` from 1 to ``threshold - 1`` is
   marked ``suppressed`` and shows "[c]". Zeros are kept: a zero identifies no one, and
   statistical disclosure practice publishes them.
3. **Secondary suppression.** For a table with ``total_rows``, each total covers the rows
   since the previous total row. If exactly one cell of a column within such a group is
   suppressed while its total is shown, the value could be recovered by subtraction, so the
   smallest other non-zero count in that column of the group is suppressed too; when there is
   no such cell, the total is suppressed instead. (Row totals in a "Total" column are not
   modelled by ``Table`` and are not handled.)
4. **Figures.** A figure whose data table needed suppression cannot be shown (its image would
   give the small numbers away), so it is replaced by its suppressed data table, which takes
   the figure's caption (it now stands for the figure). A figure whose table needs no
   suppression is published with its table.

``check_public`` lists what would make a document unsafe to publish; ``assert_publishable``
raises ``PublicationRefused`` when that list is not empty. No Django here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from cspmonitor.reports.blocks import (
    OFFICIAL,
    SCHEDULE_12A,
    Block,
    Cell,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
    Withheld,
)

DEFAULT_THRESHOLD = 5
DEFAULT_PARAGRAPH = 7
SUPPRESSED = "[c]"


class PublicationRefused(Exception):
    """A document is not safe to publish; ``problems`` says why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


WITHHELD_TITLE = "Information withheld from this edition"


#: How members may see what the public edition leaves out; the lead officer is named when the
#: front sheet gives one.
ACCESS = (
    "Members of the council may read it in the restricted edition of this report, which {contact} "
    "will provide on request; it must not be shared further."
)


def _contact(document: Document | None) -> str:
    sheet = document.front_sheet if document is not None else None
    lead = dict(sheet.rows).get("Lead officer", "") if sheet is not None else ""
    if lead and lead.lower() != "to be confirmed":
        return f"the lead officer, the {lead}, or Democratic Services"
    return "the report's lead officer or Democratic Services"


def _what(items: list[str]) -> str:
    unique = list(dict.fromkeys(item for item in items if item))
    if not unique:
        return "Some information"
    text = unique[0] if len(unique) == 1 else f"{', '.join(unique[:-1])} and {unique[-1]}"
    return text[:1].upper() + text[1:]


def withheld_note(paragraph: int, what: list[str] | None = None, contact: str = "") -> Withheld:
    """The public edition's note in place of restricted content: what kind of information was
    withheld, the Schedule 12A paragraph that allows it, and how members may see it."""
    reason = SCHEDULE_12A.get(paragraph, "")
    note = Withheld(
        classification=OFFICIAL,
        schedule_12a=paragraph,
        what=list(what or []),
        contact=contact or _contact(None),
    )
    _word(note, paragraph, reason)
    return note


def _word(note: Withheld, paragraph: int, reason: str) -> None:
    note.note = (
        f"Withheld from this edition: {_what(note.what)[:1].lower()}{_what(note.what)[1:]}. It is exempt "
        f"information under paragraph {paragraph} of Part 1 of Schedule 12A to the Local Government Act "
        f"1972 ({reason.lower()}). {ACCESS.format(contact=note.contact)}"
    )


def _describe(block: Block, section_title: str) -> str:
    """What a withheld block holds, in general words that give nothing away."""
    if block.about:
        return block.about
    if isinstance(block, Table):
        return f"the table ‘{block.caption}’" if block.caption else "a table"
    if isinstance(block, Figure):
        return f"the chart ‘{block.caption}’" if block.caption else "a chart"
    return f"details of {section_title[:1].lower()}{section_title[1:]}"


def exempt_paragraphs(document: Document) -> list[int]:
    """The Schedule 12A paragraphs the restricted content of ``document`` relies on."""
    found: set[int] = set()

    def visit(section: Section) -> None:
        if section.classification != OFFICIAL:
            found.add(section.schedule_12a or DEFAULT_PARAGRAPH)
        for _section, block in _blocks_of(section):
            if block.restricted:
                found.add(block.schedule_12a or DEFAULT_PARAGRAPH)
        for child in section.subsections:
            visit(child)

    for section in document.sections:
        visit(section)
    return sorted(found)


def _blocks_of(section: Section) -> Iterator[tuple[Section, Block]]:
    for block in section.blocks:
        yield section, block
        if isinstance(block, Figure) and block.data_table is not None:
            yield section, block.data_table


PUBLIC_INTEREST_TEST = (
    "In all the circumstances the public interest in keeping this information exempt outweighs the "
    "public interest in disclosing it: disclosure could identify the people involved or harm the "
    "prevention and detection of crime, while the public edition of this report, with the exempt parts "
    "marked, gives the public the partnership's progress."
)


def restricted_edition(document: Document) -> Document:
    """A copy with everything kept, marked as the restricted edition. Its front sheet states the
    exempt information (the Schedule 12A paragraphs relied on) and the public interest test."""
    restricted = copy.deepcopy(document)
    restricted.edition = "restricted"
    paragraphs = exempt_paragraphs(restricted)
    if restricted.front_sheet is not None and paragraphs:
        listed = "; ".join(f"paragraph {p} ({SCHEDULE_12A.get(p, '').lower()})" for p in paragraphs)
        restricted.front_sheet.rows += [
            (
                "Exempt information",
                f"Not for publication: this edition contains exempt information under Part 1 of "
                f"Schedule 12A to the Local Government Act 1972, {listed}. The exempt parts are "
                "marked OFFICIAL-SENSITIVE where they appear.",
            ),
            ("Public interest test", PUBLIC_INTEREST_TEST),
        ]
    return restricted


def _small(cell: Cell, threshold: int) -> bool:
    return cell.count is not None and 0 < cell.count < threshold


def _hide(cell: Cell) -> None:
    cell.suppressed = True
    cell.text = SUPPRESSED


def _groups(table: Table) -> Iterator[tuple[list[int], int]]:
    """(body row indexes, total row index) for each total row, in order."""
    start = 0
    for total in sorted(table.total_rows):
        yield [i for i in range(start, total) if i not in table.total_rows], total
        start = total + 1


def suppress_table(table: Table, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Apply primary and secondary suppression in place; True if any cell was suppressed."""
    for row in table.rows:
        for cell in row:
            if _small(cell, threshold):
                _hide(cell)
    width = max((len(row) for row in table.rows), default=0)
    for body, total_index in _groups(table):
        for column in range(width):
            cells = [table.rows[i][column] for i in body if column < len(table.rows[i])]
            if column >= len(table.rows[total_index]):
                continue
            total = table.rows[total_index][column]
            if total.count is None or total.suppressed:
                continue
            hidden = [c for c in cells if c.suppressed]
            if len(hidden) != 1:
                continue
            candidates = [c for c in cells if not c.suppressed and c.count]
            if candidates:
                _hide(min(candidates, key=lambda c: c.count or 0))
            else:
                _hide(total)
    return any(cell.suppressed for row in table.rows for cell in row)


def _public_blocks(blocks: list[Block], threshold: int, title: str = "", contact: str = "") -> list[Block]:
    kept: list[Block] = []
    run: int | None = None  # the Schedule 12A paragraph of the run being withheld
    for block in blocks:
        data = block.data_table if isinstance(block, Figure) else None
        restricted = block.restricted or (data is not None and data.restricted)
        if restricted:
            paragraph = block.schedule_12a or (data.schedule_12a if data else None) or DEFAULT_PARAGRAPH
            if paragraph != run:
                kept.append(withheld_note(paragraph, contact=contact))
                run = paragraph
            note = kept[-1]
            assert isinstance(note, Withheld)
            note.what.append(_describe(block, title))
            _word(note, paragraph, SCHEDULE_12A.get(paragraph, ""))
            if isinstance(block, Paragraph) and block.numbered:
                note.replaces += 1
            continue
        run = None
        if isinstance(block, Table):
            suppress_table(block, threshold)
        elif isinstance(block, Figure) and data is not None and suppress_table(data, threshold):
            data.caption = block.caption or data.caption
            kept.append(data)
            continue
        kept.append(block)
    return kept


def _public_section(section: Section, threshold: int, contact: str = "") -> None:
    section.blocks = _public_blocks(section.blocks, threshold, section.title, contact)
    children: list[Section] = []
    for child in section.subsections:
        if child.classification != OFFICIAL:
            # A placeholder keeps the withheld part's number, so the editions number alike.
            what = [f"the part of the report on {child.title[:1].lower()}{child.title[1:]}"]
            note = withheld_note(child.schedule_12a or DEFAULT_PARAGRAPH, what, contact)
            children.append(Section(title=WITHHELD_TITLE, blocks=[note], numbered=child.numbered))
            continue
        _public_section(child, threshold, contact)
        children.append(child)
    section.subsections = children


def public_edition(document: Document, *, threshold: int = DEFAULT_THRESHOLD) -> Document:
    """A copy fit to publish: restricted content withheld, small counts suppressed."""
    public = copy.deepcopy(document)
    public.edition = "public"
    contact = _contact(document)
    for section in public.sections:
        if section.classification != OFFICIAL:
            what = [f"the content of this section ({section.title[:1].lower()}{section.title[1:]})"]
            section.blocks = [withheld_note(section.schedule_12a or DEFAULT_PARAGRAPH, what, contact)]
            section.subsections = []
            section.classification, section.schedule_12a = OFFICIAL, None
        else:
            _public_section(section, threshold, contact)
    return public


def _sections(sections: list[Section], path: str = "") -> Iterator[tuple[str, Section]]:
    for number, section in enumerate(sections, start=1):
        here = f"{path}{number}"
        yield here, section
        yield from _sections(section.subsections, f"{here}.")


def check_public(document: Document, *, threshold: int = DEFAULT_THRESHOLD) -> list[str]:
    """Problems that make ``document`` unsafe to publish; empty when it is safe."""
    problems = []
    if document.edition != "public":
        problems.append(f"the document is the {document.edition} edition, not the public one")
    for number, section in _sections(document.sections):
        where = f"section {number} ({section.title})"
        if section.classification != OFFICIAL:
            problems.append(f"{where} is {section.classification.upper()}")
        for block in section.blocks:
            tables = [block] if isinstance(block, Table) else []
            if isinstance(block, Figure) and block.data_table is not None:
                tables.append(block.data_table)
            for item in [block, *tables]:
                if item.restricted:
                    problems.append(
                        f"{where} holds a {item.classification.upper()} {type(item).__name__.lower()}"
                    )
            for table in tables:
                label = table.caption or "a table"
                for row in table.rows:
                    for cell in row:
                        if _small(cell, threshold) and not cell.suppressed:
                            problems.append(f"{where}: {label} shows a count below {threshold} ({cell.text})")
                        elif cell.suppressed and cell.text != SUPPRESSED:
                            problems.append(
                                f"{where}: {label} has a suppressed cell still showing {cell.text}"
                            )
                if isinstance(block, Figure) and any(
                    c.suppressed or _small(c, threshold) for r in table.rows for c in r
                ):
                    problems.append(f"{where}: the figure '{block.caption}' shows counts below {threshold}")
                for body, total_index in _groups(table):
                    for column, total in enumerate(table.rows[total_index]):
                        hidden = [table.rows[i][column] for i in body if column < len(table.rows[i])]
                        if not total.suppressed and sum(c.suppressed for c in hidden) == 1:
                            problems.append(
                                f"{where}: {label} column {column + 1} lets a suppressed count be worked out "
                                "from its total"
                            )
    return problems


def assert_publishable(document: Document, *, threshold: int = DEFAULT_THRESHOLD) -> None:
    problems = check_public(document, threshold=threshold)
    if problems:
        raise PublicationRefused(problems)
