"""The subject access export: one case file as a PDF, logged as an export."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.panels.models import PanelAccessLog
from tests.conftest import sign_in
from tests.reports.poppler import pdf_text


def test_it_exports_one_case_file_as_a_marked_pdf_and_logs_it(client, demo, mace, tmp_path):
    case = mace.cases.get(reference="WS-MACE-DEMO-03")
    sign_in(client, demo.panel_member)
    response = client.get(reverse("panels:export", args=[demo.partnership.slug, mace.pk, case.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="case-file-WS-MACE-DEMO-03.pdf"' in response["Content-Disposition"]
    path = tmp_path / "case.pdf"
    path.write_bytes(response.content)
    text = " ".join(pdf_text(path).split())
    assert "OFFICIAL-SENSITIVE" in text
    assert "Demo Person Bravo (fictional)" in text
    assert "Case file WS-MACE-DEMO-03" in text
    assert "WS-MACE-DEMO-04" not in text and "Demo Person Charlie" not in text
    assert (
        PanelAccessLog.objects.filter(case=case, what="exported", email=demo.panel_member.email).count() == 1
    )
