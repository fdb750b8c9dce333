"""Reads Word numbering as Word applies it: the label each paragraph gets from numbering.xml.

A test helper, independent of the writer: it follows the rules of WordprocessingML list numbering
(ECMA-376 part 1, 17.9) for what the writer uses: decimal and lowerLetter formats, ``%n`` level
text, a level's counter restarting whenever a higher level of the same list is used, and a
``startOverride`` starting a list instance afresh. Hidden paragraphs take their number but show
no label.
"""

from __future__ import annotations

import string

from docx.oxml.ns import qn


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        letters, n = "", value
        while n:
            n, remainder = divmod(n - 1, 26)
            letters = string.ascii_lowercase[remainder] + letters
        return letters
    return str(value)


def labels(word) -> list[tuple[str, str, bool]]:
    """(label, text, hidden) for each numbered body paragraph of a python-docx document."""
    numbering = word.part.numbering_part.element
    abstracts = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")):
            levels[int(lvl.get(qn("w:ilvl")))] = (
                lvl.find(qn("w:numFmt")).get(qn("w:val")),
                lvl.find(qn("w:lvlText")).get(qn("w:val")),
                int(lvl.find(qn("w:start")).get(qn("w:val"))),
            )
        abstracts[abstract.get(qn("w:abstractNumId"))] = levels
    nums = {}
    for num in numbering.findall(qn("w:num")):
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        nums[num.get(qn("w:numId"))] = abstract_id
    counters: dict[str, dict[int, int]] = {}
    out = []
    for paragraph in word.paragraphs:
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            continue
        num_id, level = str(num_pr.numId.val), int(num_pr.ilvl.val if num_pr.ilvl is not None else 0)
        levels = abstracts[nums[num_id]]
        counter = counters.setdefault(num_id, {})
        fmt, text, start = levels[level]
        counter[level] = counter.get(level, start - 1) + 1
        for deeper in [lvl for lvl in counter if lvl > level]:
            del counter[deeper]  # a lower level restarts under each new higher number
        label = text
        for n in range(level + 1):
            label = label.replace(f"%{n + 1}", _format(counter.get(n, levels[n][2]), levels[n][0]))
        r_pr = paragraph._p.pPr.find(qn("w:rPr"))
        hidden = r_pr is not None and r_pr.find(qn("w:vanish")) is not None
        out.append((label, paragraph.text, hidden))
    return out


def visible_labels(word) -> list[str]:
    return [label for label, _text, hidden in labels(word) if not hidden]
