"""Paragraph numbering shared by every writer, so the Word, PDF and HTML editions agree.

Numbering follows the structure of a ``Document``:

* numbered sections are 1, 2, 3…;
* numbered paragraphs in section 1 are 1.1, 1.2…;
* a sub-section takes the next number in its parent's sequence (so section 2 with two
  paragraphs and then a sub-section gives 2.1, 2.2 and the sub-section 2.3), and its own
  paragraphs continue a level down: 2.3.1, 2.3.2…; deeper sub-sections work the same way;
* items of a lettered list are a), b), c)… (then aa), ab)…).

Unnumbered sections number nothing inside them; unnumbered paragraphs, lists, tables,
figures and withheld notes take no number, but the numbers of the paragraphs a withheld note
stands for are skipped, so both editions number alike.

``number_document`` also refuses a public edition that still carries restricted content, so
no writer can put OFFICIAL-SENSITIVE material into a public file.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from cspmonitor.reports.blocks import OFFICIAL, SCHEDULE_12A, Block, Document, Paragraph, Section, Withheld


class RestrictedContentError(ValueError):
    """A public edition still holds restricted content."""


def letter(index: int) -> str:
    """The label of the list item at ``index`` (0-based): a), b)… z), aa), ab)…"""
    if index < 0:
        raise ValueError("index must not be negative")
    letters = ""
    n = index + 1
    while n:
        n, remainder = divmod(n - 1, 26)
        letters = string.ascii_lowercase[remainder] + letters
    return f"{letters})"


@dataclass
class Numbering:
    """The numbers of a document's sections and paragraphs, looked up by object."""

    _sections: dict[int, str] = field(default_factory=dict)
    _blocks: dict[int, str] = field(default_factory=dict)
    # Keeps the numbered objects alive so their ids stay unique while this exists.
    _keep: list[object] = field(default_factory=list)
    #: Every number in reading order (section and paragraph numbers alike).
    order: list[str] = field(default_factory=list)

    def section(self, section: Section) -> str | None:
        return self._sections.get(id(section))

    def block(self, block: Block) -> str | None:
        return self._blocks.get(id(block))

    def _add(self, obj: Section | Block, number: str) -> None:
        self._keep.append(obj)
        (self._sections if isinstance(obj, Section) else self._blocks)[id(obj)] = number
        self.order.append(number)


def number_document(document: Document) -> Numbering:
    """Number ``document``'s sections and paragraphs; see the module docstring for the rules."""
    check_edition(document)
    numbering = Numbering()

    def visit(section: Section, prefix: str) -> None:
        counter = 0
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.numbered:
                counter += 1
                numbering._add(block, f"{prefix}.{counter}")
            elif isinstance(block, Withheld):
                counter += block.replaces  # the withheld paragraphs keep their numbers
        for child in section.subsections:
            if child.numbered:
                counter += 1
                number = f"{prefix}.{counter}"
                numbering._add(child, number)
                visit(child, number)

    top = 0
    for section in document.sections:
        if section.numbered:
            top += 1
            numbering._add(section, str(top))
            visit(section, str(top))
    return numbering


def check_edition(document: Document) -> None:
    """Raise ``RestrictedContentError`` if a public edition holds anything restricted."""
    if document.edition != "public":
        return

    def sections(section: Section):
        yield section
        for child in section.subsections:
            yield from sections(child)

    for top in document.sections:
        for section in sections(top):
            if section.classification != OFFICIAL:
                raise RestrictedContentError(f"public edition holds restricted section {section.title!r}")
    for section, block in document.walk():
        if block.restricted:
            raise RestrictedContentError(
                f"public edition holds a restricted {type(block).__name__} in {section.title!r}"
            )


def restriction_label(item: Block | Section) -> str:
    """The flag a restricted block or section carries in the restricted edition ("" if none)."""
    if item.classification == OFFICIAL:
        return ""
    label = item.classification.upper()
    if item.schedule_12a is not None:
        reason = SCHEDULE_12A.get(item.schedule_12a, "")
        label += f" \N{EN DASH} exempt under Schedule 12A, paragraph {item.schedule_12a}"
        if reason:
            label += f" ({reason[0].lower()}{reason[1:]})"
    return label
