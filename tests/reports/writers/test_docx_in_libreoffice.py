"""The Word edition opened by another word processor: LibreOffice converts it to PDF with the same
headings and the numbers Word's numbering gives (make test installs LibreOffice Writer)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from cspmonitor.reports.writers import write_docx
from tests.reports.poppler import run, tool


def test_libreoffice_converts_the_word_file_with_its_headings_and_numbers(document, tmp_path):
    soffice = shutil.which("soffice") or pytest.fail("soffice not found: install libreoffice-writer-nogui")
    source = tmp_path / "report.docx"
    source.write_bytes(write_docx(document))
    subprocess.run(  # noqa: S603
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    text = " ".join(run(tool("pdftotext"), str(tmp_path / "report.pdf"), "-").decode().split())
    for number, words in [
        ("1", "Purpose of the report"),
        ("2", "Findings"),
        ("2.2", "Violence"),
        ("2.2.1", "Violence against the person is the largest category."),
        ("2.2.2", "Operation Larch targets two addresses in Haverhill."),
        ("3", "Recommendations"),
    ]:
        assert re.search(rf"(^| ){re.escape(number)} {re.escape(words)}", text), (number, words)
    assert re.search(r"a\) \S", text)  # lettered lists keep their letters
