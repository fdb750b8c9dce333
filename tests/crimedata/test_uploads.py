"""Officers upload police.uk files in the browser; the import runs in the background and ends
on a summary. Smaller files, bad uploads and other forces' files leave the store as it was."""

import html
import io
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cspmonitor.crime.services import crime_store
from cspmonitor.crimedata import services
from cspmonitor.crimedata.models import CrimeUpload
from tests.conftest import sign_in
from tests.reference import SAMPLE

NAME = "2023-03-suffolk-street.csv"


def _upload(client, demo, *files, user=None):
    sign_in(client, user or demo.officer)
    url = reverse("crimedata:upload_files", args=[demo.partnership.slug])
    return client.post(url, {"files": list(files)})


def _csv(data: bytes, name: str = NAME) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def _sample_rows(rows: int | None = None) -> bytes:
    lines = SAMPLE.read_bytes().splitlines(keepends=True)
    return b"".join(lines if rows is None else lines[: rows + 1])


def _work() -> None:
    """Run the queued imports as the background worker would (its own test is below)."""
    for upload in CrimeUpload.objects.filter(status=CrimeUpload.Status.QUEUED):
        services.run(upload.pk)


def _held_rows() -> int | None:
    record = crime_store().months().get(("suffolk", "2023-03"))
    return record.rows if record else None


def test_it_imports_an_upload_in_the_background_and_ends_on_a_summary(client, demo):
    response = _upload(client, demo, _csv(_sample_rows()))
    upload = CrimeUpload.objects.get()
    assert response["Location"] == upload.get_absolute_url()
    assert "Waiting to start" in client.get(upload.get_absolute_url()).content.decode()
    _work()
    page = client.get(upload.get_absolute_url()).content.decode()
    assert _held_rows() == 70
    assert "1 added, 0 replaced, 0 unchanged" in page
    assert "suffolk 2023-03: added, 70 rows" in page
    assert "Coverage, suffolk: 1 months held." in page


def test_it_imports_the_zip_police_uk_makes(client, demo):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"2023-03/{NAME}", _sample_rows())
    _upload(client, demo, SimpleUploadedFile("police-uk-download.zip", archive.getvalue()))
    _work()
    assert _held_rows() == 70


def test_a_smaller_file_waits_for_confirmation_showing_old_and_new_counts(client, demo):
    _upload(client, demo, _csv(_sample_rows()))
    _work()
    _upload(client, demo, _csv(_sample_rows(20)))
    upload = CrimeUpload.objects.first()
    assert upload.status == CrimeUpload.Status.CONFIRM
    page = client.get(upload.get_absolute_url()).content.decode()
    assert "suffolk 2023-03" in page and ">70<" in page and ">20<" in page
    _work()
    assert _held_rows() == 70  # nothing is imported before the officer confirms
    client.post(
        reverse("crimedata:upload_confirm", args=[demo.partnership.slug, upload.pk]), {"action": "replace"}
    )
    _work()
    assert _held_rows() == 20


def test_cancelling_a_smaller_file_leaves_the_store_as_it_was(client, demo):
    _upload(client, demo, _csv(_sample_rows()))
    _work()
    _upload(client, demo, _csv(_sample_rows(20)))
    upload = CrimeUpload.objects.first()
    client.post(
        reverse("crimedata:upload_confirm", args=[demo.partnership.slug, upload.pk]), {"action": "cancel"}
    )
    _work()
    upload.refresh_from_db()
    assert upload.status == CrimeUpload.Status.CANCELLED and _held_rows() == 70


def test_it_refuses_bad_uploads_with_a_clear_message_and_stores_nothing(client, demo):
    cases = [
        (SimpleUploadedFile("notes.txt", b"hello"), "only .csv files and .zip archives"),
        (_csv(b"a,b\n1,2\n", name="crimes.csv"), "None of the files is a police.uk street-level file"),
        (_csv(b"\x00\x01 not a csv"), "could not be read as a police.uk street-level CSV"),
        (SimpleUploadedFile("download.zip", b"PK not really a zip"), "could not be read"),
        (_csv(_sample_rows(), name="2023-03-essex-street.csv"), "other forces' data (essex)"),
    ]
    for upload, message in cases:
        response = _upload(client, demo, upload)
        assert response.status_code == 400, message
        assert message in html.unescape(response.content.decode()), message
    assert not CrimeUpload.objects.exists()
    assert crime_store().months() == {}


def test_repeated_crime_ids_are_kept_counted_and_shown(client, demo):
    lines = _sample_rows().splitlines(keepends=True)
    crime = next(line for line in lines[1:] if not line.startswith(b","))  # a row with a Crime ID
    _upload(client, demo, _csv(b"".join([*lines, crime])))
    _work()
    upload = CrimeUpload.objects.get()
    assert _held_rows() == 71 and upload.repeated_crime_ids == 2
    assert "2 rows share a Crime ID" in client.get(upload.get_absolute_url()).content.decode()


def test_rejected_rows_are_downloadable_as_csv(client, demo):
    lines = _sample_rows().splitlines(keepends=True)
    bad = lines[1].replace(b"2023-03", b"2023-02", 1)  # a row of another month
    _upload(client, demo, _csv(b"".join([*lines, bad])))
    _work()
    upload = CrimeUpload.objects.get()
    response = client.get(reverse("crimedata:upload_rejects", args=[demo.partnership.slug, upload.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert b"2023-02" in b"".join(response.streaming_content)


def test_only_editors_upload_and_outsiders_see_nothing(client, demo):
    assert _upload(client, demo, _csv(_sample_rows()), user=demo.viewer).status_code == 403
    sign_in(client, demo.viewer)
    assert client.get(reverse("crimedata:crime_data", args=[demo.partnership.slug])).status_code == 200
    sign_in(client, demo.outsider)
    assert client.get(reverse("crimedata:crime_data", args=[demo.partnership.slug])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_background_worker_runs_the_import(client, demo):
    _upload(client, demo, _csv(_sample_rows()))
    upload = CrimeUpload.objects.get()
    status = reverse("crimedata:upload_status", args=[demo.partnership.slug, upload.pk])
    assert client.get(status).json()["status"] == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert client.get(status).json() == {"status": "done", "progress": 100, "stage": "Done"}
    assert _held_rows() == 70
