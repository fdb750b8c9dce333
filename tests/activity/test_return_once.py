"""A return entered once: uploading it again replaces its outputs (after showing what changes),
outputs are corrected or deleted on the web with their history, and a partner lead sees that its
OFFICIAL-SENSITIVE rows arrived, and can withdraw them, without seeing anyone else's."""

from __future__ import annotations

from django.urls import reverse

from cspmonitor.accounts.models import Classification
from cspmonitor.activity.models import PartnerReturn, Referral, TrainingSession
from tests.activity.conftest import QUARTER
from tests.activity.helpers import (
    REFERRALS,
    TRAINING,
    add_output,
    as_upload,
    referral_row,
    template,
    training_row,
)
from tests.conftest import sign_in

SLUG = "2022-23-Q2"


def _book(work, people=30):
    book = template(work)
    add_output(book, TRAINING, training_row(work, **{"People reached": people}))
    add_output(book, REFERRALS, referral_row(work))
    return book


def _upload(client, work, book):
    url = reverse("activity:return_upload", args=[work.partnership.slug, work.police.pk, SLUG])
    return client.post(url, {"file": as_upload(book)})


def _return_url(work, name="activity:return"):
    return reverse(name, args=[work.partnership.slug, work.police.pk, SLUG])


def _outputs():
    return sorted(TrainingSession.objects.values_list("pk", "people_reached")), sorted(
        Referral.objects.values_list("pk", "count")
    )


def test_uploading_the_same_return_three_times_leaves_the_outputs_as_after_the_first(client, demo, work):
    sign_in(client, demo.officer)
    before = TrainingSession.objects.count(), Referral.objects.count()
    assert _upload(client, work, _book(work))["Location"] == _return_url(work)
    after_first = _outputs()
    assert (len(after_first[0]), len(after_first[1])) == (before[0] + 1, before[1] + 1)
    for _again in range(2):
        assert _upload(client, work, _book(work))["Location"] == _return_url(work)
    assert _outputs() == after_first
    assert PartnerReturn.objects.get(organisation=work.police, quarter=QUARTER.label).uploads == 3


def test_a_changed_upload_shows_what_it_changes_and_waits_for_confirmation(client, demo, work):
    sign_in(client, demo.officer)
    _upload(client, work, _book(work))
    first = _outputs()
    referral = Referral.objects.get(area="Test area")
    assert _upload(client, work, _book(work, people=35))["Location"] == _return_url(
        work, "activity:return_confirm"
    )
    assert _outputs() == first  # nothing changes until it is confirmed
    page = client.get(_return_url(work, "activity:return_confirm"))
    change = page.context["change"]
    assert [o.people_reached for o in change.remove] == [30]
    assert [o.people_reached for o in change.added_outputs()] == [35]
    assert change.keep == [referral]
    response = client.post(_return_url(work, "activity:return_confirm"), {"decision": "apply"})
    assert response["Location"] == _return_url(work)
    assert list(
        TrainingSession.objects.filter(topic__startswith="Test topic: county").values_list(
            "people_reached", flat=True
        )
    ) == [35]
    assert Referral.objects.filter(area="Test area").get() == referral  # kept, not added again


def test_keeping_the_return_discards_the_new_upload(client, demo, work):
    sign_in(client, demo.officer)
    _upload(client, work, _book(work))
    first = _outputs()
    _upload(client, work, _book(work, people=35))
    client.post(_return_url(work, "activity:return_confirm"), {"decision": "discard"})
    assert _outputs() == first
    assert PartnerReturn.objects.get(organisation=work.police, quarter=QUARTER.label).pending_file is None


def test_a_partner_lead_sees_its_sensitive_rows_arrived_and_withdraws_them_but_not_others(client, demo, work):
    sign_in(client, demo.partner_lead)
    already = dict(client.get(_return_url(work)).context["the_return"].withheld).get("referrals", 0)
    own = Referral.objects.create(
        priority=work.priority,
        organisation=work.police,
        period_start=QUARTER.start,
        period_end=QUARTER.end,
        route="mace",
        area="Own secret area",
        count=6,
        classification=Classification.OFFICIAL_SENSITIVE,
    )
    other = Referral.objects.create(
        priority=work.priority,
        organisation=work.council,
        period_start=QUARTER.start,
        period_end=QUARTER.end,
        route="marac",
        area="Other secret area",
        count=4,
        classification=Classification.OFFICIAL_SENSITIVE,
    )
    page = client.get(_return_url(work))
    assert page.context["the_return"].withheld == [("referrals", already + 1)]
    body = page.content.decode()
    assert f"{already + 1} referrals: received" in body
    assert "Own secret area" not in body and "Other secret area" not in body
    response = client.post(_return_url(work, "activity:return_withdraw"))
    assert response["Location"] == _return_url(work)
    assert not Referral.objects.filter(pk=own.pk).exists()
    assert Referral.objects.filter(pk=other.pk).exists()
    assert Referral.history.filter(id=own.pk, history_type="-").get().history_user == demo.partner_lead


def _delete_url(work, output):
    return reverse("activity:output_delete", args=[work.partnership.slug, "training", output.pk])


def test_the_owning_partner_lead_deletes_an_output_and_its_history_is_kept(client, demo, work):
    output = work.training()
    sign_in(client, demo.partner_lead)
    assert client.get(_delete_url(work, output)).status_code == 200
    assert client.post(_delete_url(work, output)).status_code == 302
    assert not TrainingSession.objects.filter(pk=output.pk).exists()
    assert list(TrainingSession.history.filter(id=output.pk).values_list("history_type", flat=True)) == [
        "-",
        "+",
    ]


def test_a_partner_lead_cannot_delete_another_organisations_output(client, demo, work):
    output = work.training(work.council)
    sign_in(client, demo.partner_lead)
    assert client.post(_delete_url(work, output)).status_code == 403
    assert TrainingSession.objects.filter(pk=output.pk).exists()


def test_a_correction_keeps_the_earlier_version(client, demo, work):
    output = work.training()
    sign_in(client, demo.officer)
    output.people_reached = 50
    output.save()
    assert list(TrainingSession.history.filter(id=output.pk).values_list("people_reached", flat=True)) == [
        50,
        45,
    ]
