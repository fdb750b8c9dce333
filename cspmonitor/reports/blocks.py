"""The plain data a report is made of: what the builders produce and the writers render.

A report is a ``Document`` of ``Section``s; a section holds blocks (paragraphs, lists,
tables, figures) and sub-sections. Every block carries a classification and, when it is
left out of the public edition, the Local Government Act 1972 Schedule 12A category that
allows it to be withheld. Numbering (1, 1.1, 2.1.1; a, b, c for list items) is not stored:
the writers produce it from the structure, so every format numbers alike.

No Django and no rendering here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OFFICIAL = "official"
OFFICIAL_SENSITIVE = "official-sensitive"

#: Schedule 12A (Part 1) categories of exempt information, by paragraph number.
SCHEDULE_12A = {
    1: "Information relating to any individual",
    2: "Information which is likely to reveal the identity of an individual",
    3: "Information relating to the financial or business affairs of any particular person",
    4: "Information relating to consultations or negotiations in connection with labour relations",
    5: "Information in respect of which a claim to legal professional privilege could be maintained",
    6: "Information which reveals that the authority proposes to give a notice or make an order",
    7: "Information relating to any action taken or to be taken in connection with the prevention, "
    "investigation or prosecution of crime",
}


@dataclass
class Block:
    classification: str = OFFICIAL
    schedule_12a: int | None = None  # the paragraph of Schedule 12A that allows withholding it
    #: What the block holds, in general words for the note that replaces it in public
    #: ("referral counts by quarter"); writers do not print it.
    about: str = ""

    @property
    def restricted(self) -> bool:
        return self.classification != OFFICIAL


@dataclass
class Paragraph(Block):
    """A numbered paragraph of text (numbered by the writer, like 2.1.4)."""

    text: str = ""
    numbered: bool = True


@dataclass
class ListBlock(Block):
    """A list; ``lettered`` lists are written a), b), c) as committee reports do."""

    items: list[str] = field(default_factory=list)
    lettered: bool = True
    intro: str = ""


@dataclass
class Cell:
    """A table cell; a count below the suppression threshold may be withheld in public."""

    text: str
    count: int | None = None  # set when the cell is a count that may need suppressing
    suppressed: bool = False


@dataclass
class Table(Block):
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    numeric_columns: list[int] = field(default_factory=list)
    #: Indexes of rows that are totals of the rows above (for secondary suppression).
    total_rows: list[int] = field(default_factory=list)


@dataclass
class Figure(Block):
    """A chart or map: SVG or PNG bytes, with alternative text and the data behind it."""

    caption: str = ""
    alt: str = ""
    image: bytes = b""
    media_type: Literal["image/svg+xml", "image/png"] = "image/png"
    data_table: Table | None = None


@dataclass
class Withheld(Block):
    """What the public edition shows in place of blocks it leaves out.

    ``replaces`` is how many numbered paragraphs it stands for: the numbering skips them, so a
    paragraph has the same number in both editions and the two can be read side by side.
    """

    note: str = ""
    replaces: int = 0
    what: list[str] = field(default_factory=list)  # what kind of information it stands for
    contact: str = ""  # who gives members the restricted edition


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    classification: str = OFFICIAL
    schedule_12a: int | None = None
    numbered: bool = True


@dataclass
class FrontSheet:
    """The committee front sheet of a report."""

    report_number: str = ""
    committee: str = ""
    meeting_date: str = ""
    title: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)  # label, value (cabinet member, lead officer…)
    recommendations: list[str] = field(default_factory=list)


@dataclass
class Document:
    title: str
    edition: Literal["public", "restricted"]
    front_sheet: FrontSheet | None = None
    sections: list[Section] = field(default_factory=list)
    language: str = "en-GB"
    author: str = ""  # the partnership, as the files' author

    @property
    def marking(self) -> str:
        """The marking every page of the edition carries."""
        return "OFFICIAL-SENSITIVE" if self.edition == "restricted" else "OFFICIAL"

    def walk(self):
        """Every block in reading order, with the section it sits in."""

        def visit(section: Section):
            for block in section.blocks:
                yield section, block
                if isinstance(block, Figure) and block.data_table is not None:
                    yield section, block.data_table
            for child in section.subsections:
                yield from visit(child)

        for section in self.sections:
            yield from visit(section)
