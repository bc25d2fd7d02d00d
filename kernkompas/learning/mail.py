"""One way the learning part writes e-mail: in Dutch (the site's first language), with a plain-text part and an
HTML part rendered from ``<template>.txt`` / ``<template>.html`` and a subject from ``<template>_subject.txt``; the
sender and reply-to come from settings (``DEFAULT_FROM_EMAIL``, ``KERNKOMPAS_REPLY_TO``); mass mail carries a
one-click unsubscribe (RFC 8058: ``List-Unsubscribe`` and ``List-Unsubscribe-Post``).

``build`` returns the message without sending it, so a sender can hand many messages to one connection.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation


def absolute(url: str) -> str:
    """A link that works from an e-mail: the site's address in front of a path."""
    return f"{settings.BASE_URL}{url}" if url.startswith("/") else url


def build(template: str, context: dict, to: str, *, unsubscribe_url: str = "") -> EmailMultiAlternatives:
    """The message ``template`` for one address (not sent). ``unsubscribe_url`` (absolute) adds the one-click
    unsubscribe headers; the templates get it as ``unsubscribe_url`` too."""
    context = {**context, "unsubscribe_url": unsubscribe_url, "site_url": settings.BASE_URL}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        context["subject"] = subject
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    reply_to = [settings.KERNKOMPAS_REPLY_TO] if getattr(settings, "KERNKOMPAS_REPLY_TO", "") else None
    message = EmailMultiAlternatives(subject, text, None, [to], headers=headers, reply_to=reply_to)
    message.attach_alternative(html, "text/html")
    return message


def send(template: str, context: dict, to: str, *, unsubscribe_url: str = "", connection=None) -> None:
    """Build and send one message (through ``connection`` when given)."""
    message = build(template, context, to, unsubscribe_url=unsubscribe_url)
    message.connection = connection or get_connection()
    message.send()
