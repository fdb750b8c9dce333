"""The publication check: data-entry artefacts an officer should see before a report goes out.

A generated report is read as it will be printed (front sheet, titles, paragraphs, lists, table
captions and cells, withheld notes, figure captions and alternative text) and each of these is
reported with where it is:

* **doubled parentheses** — brackets inside brackets, as when a field already holding brackets is
  put in brackets: "Brave Futures (Brave Futures (formerly …))";
* **placeholders** — wording left for someone to fill in: "To be confirmed", "before the
  assessment is final, add:", "[insert …]", "TBC", "XXX";
* **"1 time"** — a count of one written as a figure with a noun made for counting ("It decided
  1 time", "1 sessions");
* **raw months and codes** — "2021-04" rather than April 2021, stored choice values such as
  "not_started", and ONS area codes outside a table;
* **empty sections** — a heading with nothing under it;
* **undefined abbreviations** — capitals such as WSCSP whose first use neither spells them out
  nor follows a spelling-out in brackets.

No Django here: the check reads the ``blocks.Document`` the writers render.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cspmonitor.reports.blocks import Document, Figure, ListBlock, Paragraph, Section, Table, Withheld


@dataclass(frozen=True)
class Finding:
    where: str  # "section 2.3 (Modern slavery)", "the front sheet"
    kind: str  # one of KINDS
    excerpt: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: “{self.excerpt}”"


KINDS = (
    "doubled parentheses",
    "placeholder",
    "count of one written as a figure",
    "raw month",
    "raw code",
    "empty section",
    "abbreviation not spelled out",
)

PLACEHOLDERS = re.compile(
    r"to be confirmed|to be allocated|before the [a-z ]+ is final, add|\[insert|\bTBC\b|\bTBA\b|XXX|"
    r"lorem ipsum|\bFIXME\b|\bTODO\b",
    re.IGNORECASE,
)
ONE_TIME = re.compile(r"(?<![\d,.])1 (?:times?\b|[a-z]+s\b)")
RAW_MONTH = re.compile(r"(?<![-/\w])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![-/\w])")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
ONS_CODE = re.compile(r"\b[EWSN]\d{8}\b")
# Capitals standing alone: part of a reference such as WS-DHR-2020-01 or OAS/WS/23 is not an
# abbreviation a reader needs spelled out.
ABBREVIATION = re.compile(r"(?<![-/\w])[A-Z]{2,}s?(?![-/\w])")

#: Capitals that are words or names in their own right, or known to every reader.
COMMON = frozenset(
    {
        "UK",
        "NHS",
        "OFFICIAL",
        "SENSITIVE",
        "OFFICIAL-SENSITIVE",
        "HOPE",
        "CONTEST",
        "PDF",
        "HTML",
        "GOV",
        "II",
        "III",
        "IV",
        "TV",
        "ID",
        "OK",
        "URL",
        "MP",
        "MPs",
    }
)


def _texts(document: Document) -> Iterator[tuple[str, str]]:
    """(where, text) for everything printed, in reading order."""
    yield "the title", document.title
    if document.front_sheet is not None:
        sheet = document.front_sheet
        for label, value in [("report number", sheet.report_number), ("meeting date", sheet.meeting_date)]:
            yield f"the front sheet ({label})", value
        for label, value in sheet.rows:
            yield f"the front sheet ({label.lower()})", value
        for text in sheet.recommendations:
            yield "the front sheet (recommendation)", text

    def visit(section: Section, number: str) -> Iterator[tuple[str, str]]:
        where = f"section {number} ({section.title})"
        yield where, section.title
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield where, block.text
            elif isinstance(block, ListBlock):
                yield where, block.intro
                yield from ((where, item) for item in block.items)
            elif isinstance(block, Table):
                yield from _table(where, block)
            elif isinstance(block, Figure):
                yield where, block.caption
                yield where, block.alt
                if block.data_table is not None:
                    yield from _table(where, block.data_table)
            elif isinstance(block, Withheld):
                yield where, block.note
        for index, child in enumerate(section.subsections, start=1):
            yield from visit(child, f"{number}.{index}")

    for index, section in enumerate(document.sections, start=1):
        yield from visit(section, str(index))


def _table(where: str, table: Table) -> Iterator[tuple[str, str]]:
    yield where, table.caption
    yield from ((where, header) for header in table.headers)
    for row in table.rows:
        for cell in row:
            yield f"{where}, table ‘{table.caption}’", cell.text


def _excerpt(text: str, start: int, end: int) -> str:
    left, right = max(0, start - 30), min(len(text), end + 30)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def _nested(text: str) -> Iterator[tuple[int, int]]:
    depth, opened = 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
            if depth == 1:
                opened = index
            elif depth == 2:
                yield opened, text.find(")", index) + 1 or len(text)
        elif char == ")":
            depth = max(0, depth - 1)


def _is_financial_year(match: re.Match) -> bool:
    """2022-23 is a financial year, not a month; 2010-11 likewise."""
    return int(match[2]) == (int(match[1]) + 1) % 100


def _empty(sections: list[Section], prefix: str = "") -> Iterator[Finding]:
    for index, section in enumerate(sections, start=1):
        number = f"{prefix}{index}"
        if not section.blocks and not section.subsections:
            yield Finding(f"section {number} ({section.title})", "empty section", section.title)
        yield from _empty(section.subsections, f"{number}.")


def check(document: Document) -> list[Finding]:
    """Every artefact found in ``document``, in reading order (empty sections last)."""
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()

    def add(where: str, kind: str, excerpt: str) -> None:
        if (where, kind, excerpt) not in seen:
            seen.add((where, kind, excerpt))
            findings.append(Finding(where, kind, excerpt))

    defined: set[str] = set()
    reported: set[str] = set()
    for where, text in _texts(document):
        if not text:
            continue
        in_table = ", table " in where
        for start, end in _nested(text):
            add(where, "doubled parentheses", _excerpt(text, start, end))
        for match in PLACEHOLDERS.finditer(text):
            add(where, "placeholder", _excerpt(text, match.start(), match.end()))
        if not in_table:
            for match in ONE_TIME.finditer(text):
                add(where, "count of one written as a figure", _excerpt(text, match.start(), match.end()))
            for match in ONS_CODE.finditer(text):
                add(where, "raw code", _excerpt(text, match.start(), match.end()))
        for match in RAW_MONTH.finditer(text):
            if not _is_financial_year(match):
                add(where, "raw month", _excerpt(text, match.start(), match.end()))
        for match in SNAKE.finditer(text):
            if "://" not in text[max(0, match.start() - 60) : match.start()]:
                add(where, "raw code", _excerpt(text, match.start(), match.end()))
        defined |= {m[1] for m in re.finditer(r"\(([A-Z][A-Za-z]*[A-Z]s?)\)", text)}
        defined |= {m[1] for m in re.finditer(r"\b([A-Z]{2,}s?) \(", text)}
        for match in ABBREVIATION.finditer(text):
            word = match[0].rstrip("s")
            if word in COMMON or word in defined or word in reported or "://" in text[: match.start()][-60:]:
                continue
            reported.add(word)
            add(where, "abbreviation not spelled out", _excerpt(text, match.start(), match.end()))
    findings.extend(_empty(document.sections))
    return findings
