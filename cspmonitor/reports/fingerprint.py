"""A report's text and a fingerprint of its content, for keeping and comparing versions."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from cspmonitor.reports.blocks import Document, Figure, ListBlock, Paragraph, Section, Table, Withheld


def content_hash(document: Document) -> str:
    """SHA-256 of the document's content: equal hashes mean the same data went in."""

    def default(value):
        if isinstance(value, bytes):
            return hashlib.sha256(value).hexdigest()
        raise TypeError(type(value).__name__)

    canonical = json.dumps(dataclasses.asdict(document), sort_keys=True, default=default)
    return hashlib.sha256(canonical.encode()).hexdigest()


def text_lines(document: Document) -> list[str]:
    """The document as lines of plain text, in reading order (for comparing two versions)."""
    lines: list[str] = [document.title]
    if document.front_sheet is not None:
        lines += [f"{label}: {value}" for label, value in document.front_sheet.rows]
        lines += document.front_sheet.recommendations

    def section(s: Section, depth: int) -> None:
        lines.append("#" * depth + " " + s.title)
        for block in s.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, ListBlock):
                lines.extend(([block.intro] if block.intro else []) + [f"- {item}" for item in block.items])
            elif isinstance(block, Table):
                lines.append(block.caption)
                lines.extend(" | ".join(cell.text for cell in row) for row in block.rows)
            elif isinstance(block, Figure):
                lines.append(f"[Figure: {block.caption}]")
            elif isinstance(block, Withheld):
                lines.append(f"[Withheld: {block.note}]")
        for child in s.subsections:
            section(child, depth + 1)

    for top in document.sections:
        section(top, 1)
    return [line for line in lines if line]
