"""Writes that arrive at the same moment: none fails, and a double submit counts once."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

import pytest
from django.db import IntegrityError, connection
from django.http import HttpResponse
from django.test import RequestFactory

from cspmonitor.activity.models import PartnerReturn, Referral
from cspmonitor.activity.returns_upload import upload_return
from cspmonitor.conflicts import WriteConflictMiddleware
from cspmonitor.partnership.models import Organisation, Partnership
from cspmonitor.plans.forms import ProgressUpdateForm
from cspmonitor.plans.models import ProgressUpdate
from tests.activity.conftest import QUARTER, make_work
from tests.activity.helpers import REFERRALS, add_output, as_upload, referral_row, template


@pytest.fixture
def bare_work(transactional_db):
    # Not the demo: these tests commit from several threads, so they build only what they need.
    partnership = Partnership.objects.create(name="Concurrency test", slug="concurrency")
    for name in ("Suffolk Constabulary", "West Suffolk Council"):
        Organisation.objects.create(
            partnership=partnership, name=name, type="police", membership="responsible"
        )
    return make_work(partnership)


def at_once(count: int, work: Callable[[int], object]) -> tuple[list, list[BaseException]]:
    """Run ``work(i)`` in ``count`` threads released together; their results and errors."""
    barrier = threading.Barrier(count)
    results: list = []
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results.append(work(index))
        except BaseException as error:  # noqa: BLE001 - every failure is the test's business
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_twenty_updates_to_one_actions_quarter_at_once_all_succeed_and_leave_one(bare_work):
    def save(index: int):
        form = ProgressUpdateForm(
            {"period": QUARTER.label, "status": "on_track", "rag": "green", "narrative": f"Writer {index}."},
            action=bare_work.police_action,
            partnership=bare_work.partnership,
        )
        assert form.is_valid(), form.errors
        return form.save().narrative

    results, errors = at_once(20, save)
    assert errors == []
    assert len(results) == 20
    update = ProgressUpdate.objects.get(action=bare_work.police_action, period=QUARTER.label)
    assert update.narrative in results


def test_two_updates_that_both_find_no_earlier_one_still_both_succeed(bare_work, monkeypatch):
    # Force the race: each writer waits (up to 2 s) for the other just before it saves, so
    # without protection both would have looked for an earlier update, found none, and both
    # inserted one (the second failing the one-update-a-quarter constraint).
    original = ProgressUpdate.save
    barrier = threading.Barrier(2, timeout=2)

    def save(self, *args, **kwargs):
        # A broken barrier means the other writer is held back by a lock: the protection at work.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ProgressUpdate, "save", save)

    def write(index: int):
        form = ProgressUpdateForm(
            {"period": QUARTER.label, "status": "on_track", "rag": "green", "narrative": f"Writer {index}."},
            action=bare_work.police_action,
            partnership=bare_work.partnership,
        )
        assert form.is_valid(), form.errors
        return form.save().pk

    results, errors = at_once(2, write)
    assert errors == []
    assert len(set(results)) == 1
    assert ProgressUpdate.objects.filter(action=bare_work.police_action).count() == 1


def test_the_same_return_uploaded_twice_at_once_is_applied_once(bare_work):
    book = template(bare_work)
    add_output(book, REFERRALS, referral_row(bare_work))
    data = as_upload(book).read()

    def upload(_index: int):
        return upload_return(
            as_upload_bytes(data),
            partnership=bare_work.partnership,
            organisation=bare_work.police,
            quarter=QUARTER,
            user=None,
        )

    results, errors = at_once(2, upload)
    assert errors == []
    assert sorted(result.outputs for result in results) == [0, 1]
    # The test database also holds the demo: count this test's partnership only.
    referrals = Referral.objects.filter(organisation__partnership=bare_work.partnership)
    assert referrals.count() == 1
    assert PartnerReturn.objects.filter(organisation__partnership=bare_work.partnership).count() == 1
    again = upload(0)
    assert again.errors == [] and again.outputs == 0 and again.kept == 1
    assert again.message.endswith("1 output already saved and unchanged")
    assert referrals.count() == 1


def as_upload_bytes(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("return.xlsx", data)


def test_any_other_clash_is_answered_409_with_a_message_not_500(rf: RequestFactory, bare_work):
    def view(request):
        raise IntegrityError("UNIQUE constraint failed")

    middleware = WriteConflictMiddleware(lambda request: HttpResponse())
    request = rf.post("/somewhere/")
    request.user = None
    response = middleware.process_exception(request, IntegrityError("UNIQUE constraint failed"))
    assert response.status_code == 409
    assert "Someone else saved at the same moment" in response.content.decode()
