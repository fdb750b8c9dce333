"""Plain words for documents built from analysis results: month names for "2021-04", and the
abbreviations the results use spelled out at their first use."""

from __future__ import annotations

import datetime as dt
import re

from cspmonitor.reports.blocks import Document

_MONTH = re.compile(r"(?<![-/\w])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![-/\w])")

#: Abbreviations the analysis results use, spelled out at first use in the document.
SPELLED_OUT = {
    "ONS": "Office for National Statistics (ONS)",
    "LSOA": "lower layer super output area (LSOA)",
}


def month_names(text: str) -> str:
    """ "2021-04" as "April 2021": months as a board reads them."""
    return _MONTH.sub(lambda m: f"{dt.date(int(m[1]), int(m[2]), 1):%B %Y}", text)


def spelled_out(text: str) -> str:
    for short, long in SPELLED_OUT.items():
        text = re.sub(rf"\b{short}\b", long, text, count=1)
    return text


def spell_out_first(document: Document, short: str, long: str) -> None:
    """Replace the first use of ``short`` in the document's paragraphs, list items and captions."""
    pattern = re.compile(rf"(?<![-/\w]){short}(?![-/\w])")
    for _section, block in document.walk():
        for attribute in ("text", "caption", "intro"):
            value = getattr(block, attribute, None)
            if isinstance(value, str) and pattern.search(value):
                if f"({short})" not in value:
                    setattr(block, attribute, pattern.sub(long, value, count=1))
                return
        items: list[str] = getattr(block, "items", None) or []
        for index, item in enumerate(items):
            if pattern.search(item):
                items[index] = pattern.sub(long, item, count=1)
                return
