"""Statutory and local dates side by side on the calendar page and in its files, obligations not
yet in force listed apart, and the local policing body named as the partnership sets it.

On 20 April 2026 (see conftest): the last quarter of 2025-26's information sharing is due by
30 April under the local one-month agreement, and by 30 June 2026 under s17A and SI 2007/1831.
"""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from cspmonitor.reviews.statutory import Commencement, StatutorySettings
from tests.conftest import sign_in


def _get(client, demo, name):
    sign_in(client, demo.officer)
    response = client.get(reverse(name, args=[demo.partnership.slug]))
    assert response.status_code == 200
    return response


def _row(page: str, text: str) -> str:
    at = page.index(text)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def test_the_page_shows_the_stricter_local_date_beside_the_date_in_law(client, demo, today):
    page = _get(client, demo, "duties:calendar").content.decode()
    row = _row(page, "Q4 2025-26 (January to March 2026)")
    assert "30 April 2026" in row  # the local agreement: one month
    assert "30 June 2026" in row  # CDA 1998 s17A; SI 2007/1831: by the end of the next quarter
    assert "within one month of the quarter" in row
    plan = _row(page, "Send the partnership plan to the")
    # No local choice: the date in law is the due date itself, with no note of a stricter one.
    assert '<td class="govuk-table__cell">30 April 2026</td>' in plan and "stricter" not in plan


def test_the_csv_has_the_date_in_law_beside_the_local_date(client, demo, today):
    response = _get(client, demo, "duties:calendar_csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    q4 = next(r for r in rows if r["Key"] == "information_sharing_q4" and r["Due"] == "2026-04-30")
    assert q4["Due by law"] == "2026-06-30"
    assert q4["Legal status"] == "In force from 1 August 2007"
    assert list(rows[0])[:2] == ["Due", "Due by law"]


def test_the_asb_data_return_is_listed_as_not_yet_in_force_until_commenced(client, demo, today):
    page = _get(client, demo, "duties:calendar").content.decode()
    coming = page[page.index('id="not-in-force-table"') :]
    assert "Supply ASB data to the Secretary of State" in coming[: coming.index("</table>")]
    assert "Circular 004/2026" in coming
    Commencement.objects.create(
        rule="obligations.asb_data_to_secretary_of_state",
        commenced_on=today.replace(month=4, day=1),
        source="Home Office Circular 004/2026 (test)",
    )
    page = _get(client, demo, "duties:calendar").content.decode()
    assert 'id="not-in-force-table"' not in page
    assert "Supply ASB data to the Secretary of State" in page[page.index('id="upcoming-table"') :]


def test_the_plan_goes_to_the_local_policing_body_the_partnership_names(client, demo, today):
    StatutorySettings.objects.create(
        partnership=demo.partnership, local_policing_body="Suffolk Policing and Crime Board"
    )
    page = _get(client, demo, "duties:calendar").content.decode()
    assert "Send the partnership plan to the Suffolk Policing and Crime Board" in page
    assert "Police and Crime Commissioner" not in page
