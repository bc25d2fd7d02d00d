"""The log-in pages, the password-reset mail and the back office say "Kernkompas". Before, Django's log-in view put
the host name into the page ("Inloggen · 127.0.0.1:8817", and "127.0.0.1:8817" as the brand in the header), and
Wagtail's site record had no name, so the back office showed "localhost"."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def _brand(page: str) -> str:
    return re.search(r'<a class="brand"[^>]*>.*?<span>(.*?)</span>', page, re.S).group(1)


def test_the_login_page_is_titled_and_branded_kernkompas_not_the_host(client):
    page = client.get(reverse("accounts:login"), HTTP_HOST="127.0.0.1").content.decode()
    assert "<title>Inloggen · Kernkompas</title>" in page
    assert _brand(page) == "Kernkompas"


def test_the_logged_out_page_is_branded_kernkompas(client, cast):
    client.force_login(cast.bram)
    page = client.post(reverse("accounts:logout"), follow=True, HTTP_HOST="127.0.0.1").content.decode()
    assert _brand(page) == "Kernkompas"


def test_the_password_reset_mail_names_kernkompas_and_links_to_the_address_served(client, cast):
    client.post(reverse("accounts:password_reset"), {"email": cast.ellen.email}, HTTP_HOST="localhost:8817")
    body = mail.outbox[0].body
    assert "Kernkompas" in body
    assert "127.0.0.1" not in body
    assert "://localhost:8817/" in body


def test_the_back_office_site_record_and_its_root_page_are_named_kernkompas():
    """Was: no name (the back office showed "localhost") and Wagtail's "Welcome to your new Wagtail site!"."""
    site = Site.objects.get(is_default_site=True)
    assert site.site_name == "Kernkompas"
    assert site.root_page.title == "Kernkompas" and site.root_page.draft_title == "Kernkompas"


def test_the_back_office_says_kernkompas(client, cast):
    client.force_login(cast.anton)
    page = client.get("/beheer/", HTTP_HOST="127.0.0.1").content.decode()
    assert page.split("</title>")[0].endswith(" - Kernkompas")
    assert "localhost" not in page
