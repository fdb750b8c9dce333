"""Real Word numbering for the Word edition: multilevel list definitions in numbering.xml that the
headings and numbered paragraphs point at, so Word (and LibreOffice) number them and renumber them
when an officer inserts or deletes a paragraph.

One outline list numbers everything as the other editions do: level 0 is "1" (Heading 1), level 1
"1.2" (a Heading 2 or a paragraph of a top-level section), level 2 "2.1.3", and so on; headings and
paragraphs at the same depth share a counter, and a number restarts under each higher one. Each
lettered list is its own instance of a one-level "a)" list, restarting at a).
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph as DocxParagraph

OUTLINE_ID, LETTERS_ID = 90, 91
LEVELS = 6
HANGING_TWIPS = 851  # 1.5 cm, as the paragraphs hang


def _level(ilvl: int, fmt: str, text: str, left: int) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
        f'<w:ind w:left="{left}" w:hanging="{HANGING_TWIPS}"/></w:pPr>'
        f"<w:rPr><w:b/></w:rPr></w:lvl>"
    )


def _abstract(abstract_id: int, levels: str) -> object:
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )


class WordNumbering:
    """The numbering definitions of one Word document, added once when it is set up."""

    def __init__(self, doc: DocxDocument) -> None:
        self.numbering = doc.part.numbering_part.element
        outline = "".join(
            _level(i, "decimal", ".".join(f"%{n}" for n in range(1, i + 2)), HANGING_TWIPS)
            for i in range(LEVELS)
        )
        letters = _level(0, "lowerLetter", "%1)", 2 * HANGING_TWIPS)
        # Abstract definitions must come before every w:num in numbering.xml.
        first_num = self.numbering.find(qn("w:num"))
        for element in (_abstract(OUTLINE_ID, outline), _abstract(LETTERS_ID, letters)):
            if first_num is not None:
                first_num.addprevious(element)
            else:
                self.numbering.append(element)
        self.outline = self.numbering.add_num(OUTLINE_ID).numId

    def number(self, paragraph: DocxParagraph, level: int) -> None:
        """Number ``paragraph`` in the outline at ``level`` (0 for a top-level heading)."""
        _set(paragraph, self.outline, level)

    def new_lettered_list(self) -> int:
        """A fresh a), b), c)… list; returns its numId for ``letter``."""
        num = self.numbering.add_num(LETTERS_ID)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def letter(self, paragraph: DocxParagraph, num_id: int) -> None:
        _set(paragraph, num_id, 0)


def _set(paragraph: DocxParagraph, num_id: int, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def hide(paragraph: DocxParagraph) -> None:
    """Hide a paragraph (its mark too): it keeps a number's place without being shown."""
    p_pr = paragraph._p.get_or_add_pPr()
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        p_pr.append(r_pr)
    r_pr.append(OxmlElement("w:vanish"))
