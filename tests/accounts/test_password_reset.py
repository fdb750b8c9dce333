from __future__ import annotations

import re

from django.core import mail

from tests.conftest import PASSWORD


def test_it_emails_a_reset_link_that_sets_a_new_password(client, demo):
    response = client.post("/accounts/password-reset/", {"email": demo.viewer.email})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    new_password = "a much longer passphrase 2026"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert response["Location"] == "/accounts/password-reset/complete/"
    demo.viewer.refresh_from_db()
    assert demo.viewer.check_password(new_password)
    assert not demo.viewer.check_password(PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_a_badly_formed_address_gets_the_error_summary(client, db):
    response = client.post("/accounts/password-reset/", {"email": "not-an-address"})
    assert b"govuk-error-summary" in response.content
    assert b"Enter an email address in the correct format" in response.content
