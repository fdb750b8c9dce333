"""The wording of the Western Suffolk 2022-23 monitoring report's front sheet. Idempotent.

The facts are the seed report's own: its number, the committee and the date it met, the
portfolio and the post responsible, and the wards. People are named by role only.
"""

from __future__ import annotations

from cspmonitor.demo.calendar_loader import LAST_SCRUTINY
from cspmonitor.reports import narrative

YEAR = "2022-23"
FRONT_SHEET = {
    "report_number": "OAS/WS/23/012",
    "committee": "Overview and Scrutiny Committee",
    "meeting_date": f"{LAST_SCRUTINY:%-d %B %Y}",
    "cabinet_member": "Cabinet Member for Families and Communities",
    "lead_officer": "Director (Families and Communities)",
    "decisions_plan": "Not included in the Decisions Plan",
    "wards": "All West Suffolk Council wards",
}


def load_report_wording(partnership) -> None:
    narrative.save(partnership, YEAR, FRONT_SHEET)
