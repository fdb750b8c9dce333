"""The ASB Case Review publication tells people how to apply and whom to contact."""

from __future__ import annotations

from cspmonitor.periods import FinancialYear
from cspmonitor.reports.blocks import ListBlock, Paragraph
from cspmonitor.reports.builders.asb import build_asb_publication
from cspmonitor.reports.models import Description

YEAR = FinancialYear(2022)


def _apply_text(demo) -> str:
    document = build_asb_publication(demo.partnership, YEAR)
    section = next(s for s in document.sections if s.title == "How to apply")
    parts = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts += [block.intro, *block.items]
    return "\n".join(parts)


def test_it_gives_the_steps_to_apply_and_whom_to_contact(demo):
    text = _apply_text(demo)
    assert "To apply for an ASB Case Review:" in text
    assert "Note each incident you have reported" in text
    assert (
        "Whom to contact: West Suffolk Council's community safety team takes applications for an ASB Case "
        "Review and can help people to apply (https://www.westsuffolk.gov.uk)." in text
    )


def test_without_a_recorded_contact_it_names_the_partner_leading_anti_social_behaviour(demo):
    Description.objects.filter(partnership=demo.partnership, name="ASB Case Review applications").delete()
    text = _apply_text(demo)
    assert "Whom to contact: Applications go to Suffolk Constabulary" in text
    assert "which leads the partnership's work on anti-social behaviour." in text
