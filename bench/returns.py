"""The worst quarterly return uploads we can make, timed through the real upload path.

    .venv/bin/python bench/returns.py

Each file goes through `upload_return` (open, check every row with the web forms, apply) on
a fresh SQLite database holding a small test plan. The target (issue 17): no upload holds a
worker more than a few seconds, taken here as 5 s. Writes ``bench/results/returns.json``.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
LIMIT_SECONDS = 5.0


def _rewrite_sheet(data: bytes, title: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n.decode() for n in re.findall(rb'<sheet [^>]*name="([^"]+)"', source.read("xl/workbook.xml"))]
    target = f"xl/worksheets/sheet{names.index(title) + 1}.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            part = source.read(item.filename)
            archive.writestr(item, change(part) if item.filename == target else part)
    return out.getvalue()


def _rows_xml(count: int, first: int, cells) -> bytes:
    return b"".join(
        f'<row r="{r}">'.encode() + b"".join(cells(r)) + b"</row>" for r in range(first, first + count)
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="returns-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspmonitor.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from cspmonitor.activity.returns_upload import upload_return
    from cspmonitor.partnership.models import Organisation, Partnership
    from tests.activity.conftest import QUARTER, make_work
    from tests.activity.helpers import REFERRALS, add_output, as_upload, referral_row, template

    partnership = Partnership.objects.create(name="Bench partnership", slug="bench")
    for name in ("Suffolk Constabulary", "West Suffolk Council"):
        Organisation.objects.create(
            partnership=partnership, name=name, type="police", membership="responsible"
        )
    work = make_work(partnership)
    blank = as_upload(template(work)).read()

    def valid_rows(count: int) -> bytes:
        book = template(work)
        for _ in range(count):
            add_output(book, REFERRALS, referral_row(work))
        return as_upload(book).read()

    def claim_everything(column: str):
        def change(part: bytes) -> bytes:
            part = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', part)
            last = f'<row r="1048576"><c r="{column}1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            return part.replace(b"</sheetData>", last.encode() + b"</sheetData>")

        return change

    def wide_junk(part: bytes) -> bytes:
        # Every allowed row filled to the last column Excel has with long text: as much as
        # fits under the unpacked-size limit, all of it wrong.
        text = b"<is><t>" + b"x" * 2000 + b"</t></is>"
        cells = lambda r: [  # noqa: E731
            f'<c r="{col}{r}" t="inlineStr">'.encode() + text + b"</c>" for col in ("A", "B", "C", "E", "XFD")
        ]
        return part.replace(b"</sheetData>", _rows_xml(rows - prefilled, 2, cells) + b"</sheetData>")

    rows = settings.RETURN_MAX_ROWS
    prefilled = 2  # the update rows the template lists, one for each action the police lead
    cases = {
        "claims A1:XFD1048576, one cell at A1048576": _rewrite_sheet(blank, REFERRALS, claim_everything("A")),
        "claims A1:XFD1048576, one cell at XFD1048576": _rewrite_sheet(
            blank, REFERRALS, claim_everything("XFD")
        ),
        f"{rows:,} filled rows (the limit), all valid, checked and saved": valid_rows(rows - prefilled),
        "20,000 valid rows (over the limit)": _rewrite_sheet(
            valid_rows(1),
            REFERRALS,
            lambda part: part.replace(
                b"</sheetData>",
                _rows_xml(20_000, 3, lambda r: [f'<c r="E{r}"><v>12</v></c>'.encode()]) + b"</sheetData>",
            ),
        ),
        f"{rows:,} rows of long junk to column XFD, every one wrong": _rewrite_sheet(
            blank, REFERRALS, wide_junk
        ),
        "damaged sheet XML": _rewrite_sheet(blank, REFERRALS, lambda part: part[: len(part) // 2]),
    }
    results = []
    for what, data in cases.items():
        started = time.perf_counter()
        outcome = upload_return(
            SimpleUploadedFile("return.xlsx", data),
            partnership=work.partnership,
            organisation=work.police,
            quarter=QUARTER,
            user=None,
        )
        seconds = time.perf_counter() - started
        first = outcome.errors[0][:100] if outcome.errors else outcome.message
        results.append(
            {
                "what": what,
                "bytes": len(data),
                "seconds": round(seconds, 3),
                "errors": len(outcome.errors),
                "outcome": first,
                "target": f"<= {LIMIT_SECONDS}",
                "passed": seconds <= LIMIT_SECONDS,
            }
        )
        print(f"{seconds:7.2f} s  {len(data):>9,} B  {what}: {first}")
    out = REPO / "bench" / "results" / "returns.json"
    out.write_text(json.dumps({"returns": results}, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
