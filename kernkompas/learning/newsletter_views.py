"""The newsletter's pages. Public: the sign-up page with the archive, confirming a subscription, unsubscribing
(one click, RFC 8058), an archived issue. Editors and administrators: the list of issues, assembling one, its preview
(the e-mail's own HTML), a test send, sending, and the progress of a send. Everyone else gets 404 on the staff pages.
Views stay thin: forms read, ``actions.newsletter`` changes."""

from __future__ import annotations

import functools

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from kernkompas.accounts import permissions
from kernkompas.core import ratelimit
from kernkompas.learning import newsletter_sources, sending, tokens
from kernkompas.learning.actions import newsletter as actions
from kernkompas.learning.models import Newsletter, NewsletterItem, NewsletterStatus, Subscriber, SubscriberStatus
from kernkompas.learning.newsletter_forms import LinkForm, NewsletterForm, SubscribeForm, TestSendForm

ARCHIVE_SIZE = 40


def sent_newsletters():
    return Newsletter.objects.filter(status=NewsletterStatus.VERZONDEN).exclude(sent_at=None).order_by("-sent_at")


def _refused(form, error: ValidationError) -> None:
    """An operation's refusal onto the form, on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Public ---------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@ratelimit.ratelimit("newsletter_subscribe")
def signup(request):
    form = SubscribeForm(request.POST if request.method == "POST" and "lid" not in request.POST else None)
    if request.method == "POST" and "lid" in request.POST:
        return _subscribe_member(request)
    if form.is_valid():
        actions.subscribe(form.cleaned_data["email"], form.cleaned_data["name"])
        # The same words for every address: whether it was already subscribed is its owner's business.
        messages.success(
            request,
            _(
                "Thank you. Unless this address is already subscribed, we have sent it an e-mail with a link to "
                "confirm. The newsletter starts once you have clicked it."
            ),
        )
        return redirect("learning:newsletter_signup")
    context = {
        "form": form,
        "own": actions.member_subscription(request.user),
        "newsletters": list(sent_newsletters()[:ARCHIVE_SIZE]),
    }
    return render(request, "learning/newsletter/signup.html", context, status=400 if form.is_bound else 200)


def _subscribe_member(request):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning:newsletter_signup"))
    try:
        actions.subscribe_member(request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You are subscribed to the newsletter with %(email)s.") % {"email": request.user.email}
        )
    return redirect("learning:newsletter_signup")


def _bad_link(request, kind: str):
    return render(request, "learning/newsletter/bad_link.html", {"kind": kind}, status=404)


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button (a mail program that opens links to check them must not confirm anything); POST confirms."""
    found = tokens.confirmed_subscriber_id(token)
    if found is None or not Subscriber.objects.filter(pk=found[0], email=found[1]).exists():
        return _bad_link(request, "confirm")
    if request.method == "POST":
        subscriber = actions.confirm(token)
        if subscriber is None:
            return _bad_link(request, "confirm")
        return render(request, "learning/newsletter/confirmed.html", {"subscriber": subscriber})
    return render(request, "learning/newsletter/confirm.html", {"email": found[1]})


@csrf_exempt  # RFC 8058: mail programs POST here without a token; the link's own signature protects it
@require_http_methods(["GET", "POST"])
def unsubscribe(request, pk: int, token: str):
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or not tokens.unsubscribe_token_matches(subscriber, token):
        return _bad_link(request, "unsubscribe")
    if request.method == "POST":
        actions.unsubscribe(subscriber)
        return render(request, "learning/newsletter/unsubscribed.html", {"email": subscriber.email})
    context = {"email": subscriber.email, "already": subscriber.status == SubscriberStatus.AFGEMELD}
    return render(request, "learning/newsletter/unsubscribe.html", context)


def issue(request, slug: str):
    """An archived issue, as it was sent; drafts and issues still being sent do not exist here."""
    newsletter = get_object_or_404(sent_newsletters(), slug=slug)
    context = {"newsletter": newsletter, "items": list(newsletter.items.all())}
    return render(request, "learning/newsletter/issue.html", context)


# --- Editors --------------------------------------------------------------------------------------------------


def editors_only(view):
    """Anonymous visitors go to the log-in page; anyone but editors and administrators gets 404."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.is_redactie(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _newsletter(pk: int) -> Newsletter:
    return get_object_or_404(Newsletter, pk=pk)


def _draft(pk: int) -> Newsletter:
    """A newsletter that may still be changed; one that is sending or sent goes to its progress page instead."""
    newsletter = _newsletter(pk)
    if newsletter.status != NewsletterStatus.CONCEPT:
        raise _SentAlready(newsletter)
    return newsletter


class _SentAlready(Exception):
    def __init__(self, newsletter):
        super().__init__(newsletter.pk)
        self.newsletter = newsletter


def drafts_only(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _SentAlready as sent:
            messages.error(request, _("This newsletter is being sent or has been sent; it can no longer be changed."))
            return redirect("learning:newsletter_progress", pk=sent.newsletter.pk)

    return wrapped


def _edit_url(newsletter, anchor: str = "") -> str:
    return reverse("learning:newsletter_edit", kwargs={"pk": newsletter.pk}) + (f"#{anchor}" if anchor else "")


@editors_only
def newsletters(request):
    found = Newsletter.objects.order_by("-created_at")[:200]
    subscribers = {
        "active": Subscriber.objects.filter(status=SubscriberStatus.ACTIEF).count(),
        "waiting": Subscriber.objects.filter(status=SubscriberStatus.WACHT_OP_BEVESTIGING).count(),
    }
    return render(request, "learning/newsletter/list.html", {"newsletters": found, "subscribers": subscribers})


@editors_only
@require_http_methods(["GET", "POST"])
def newsletter_new(request):
    form = NewsletterForm(request.POST or None)
    if form.is_valid():
        try:
            newsletter = actions.create_newsletter(request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The newsletter has been created. Now add items."))
            return redirect(_edit_url(newsletter))
    status = 400 if form.is_bound else 200
    return render(request, "learning/newsletter/new.html", {"form": form}, status=status)


@editors_only
@drafts_only
@require_http_methods(["GET", "POST"])
def newsletter_edit(request, pk: int):
    newsletter = _draft(pk)
    form = NewsletterForm(
        request.POST or None, initial={"title": newsletter.title, "introduction": newsletter.introduction}
    )
    if form.is_valid():
        try:
            actions.change_newsletter(request.user, newsletter, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_edit_url(newsletter))
    return _edit_page(request, newsletter, form=form, status=400 if form.is_bound else 200)


def _edit_page(request, newsletter, *, form=None, link_form=None, status=200):
    context = {
        "newsletter": newsletter,
        "form": form or NewsletterForm(initial={"title": newsletter.title, "introduction": newsletter.introduction}),
        "link_form": link_form or LinkForm(),
        "items": list(newsletter.items.all()),
        "groups": newsletter_sources.suggestions(newsletter),
        "since": newsletter_sources.last_sent_at(newsletter),
        "max_items": actions.MAX_ITEMS,
    }
    return render(request, "learning/newsletter/edit.html", context, status=status)


@editors_only
@drafts_only
@require_POST
def item_add(request, pk: int):
    newsletter = _draft(pk)
    try:
        actions.add_item(request.user, newsletter, request.POST.get("bron", "")[:80])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_edit_url(newsletter, "items"))


@editors_only
@drafts_only
@require_POST
def link_add(request, pk: int):
    newsletter = _draft(pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            actions.add_link(request.user, newsletter, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            return redirect(_edit_url(newsletter, "items"))
    return _edit_page(request, newsletter, link_form=form, status=400)


def _item(newsletter, item_pk: int) -> NewsletterItem:
    return get_object_or_404(NewsletterItem, pk=item_pk, newsletter=newsletter)


@editors_only
@drafts_only
@require_POST
def item_remove(request, pk: int, item_pk: int):
    newsletter = _draft(pk)
    actions.remove_item(request.user, _item(newsletter, item_pk))
    return redirect(_edit_url(newsletter, "items"))


@editors_only
@drafts_only
@require_POST
def item_move(request, pk: int, item_pk: int):
    newsletter = _draft(pk)
    direction = -1 if request.POST.get("richting") == "op" else 1
    actions.move_item(request.user, _item(newsletter, item_pk), direction)
    return redirect(_edit_url(newsletter, "items"))


@editors_only
@csp_update({"style-src": "'unsafe-inline'"})  # the e-mail's own <style>: mail programs drop linked style sheets
def preview(request, pk: int):
    """The e-mail's HTML part exactly as a subscriber gets it (with a dummy unsubscribe link)."""
    newsletter = _newsletter(pk)
    context = sending.message_context(newsletter)
    message = sending.build_message(context, Subscriber(pk=0, email="voorbeeld@example.org"), is_test=False)
    html = message.alternatives[0][0]
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@editors_only
@require_http_methods(["GET", "POST"])
def test_send(request, pk: int):
    newsletter = _newsletter(pk)
    form = TestSendForm(request.POST or None, initial={"to": request.user.email})
    if form.is_valid():
        try:
            # A typed address could make this a way to mail strangers: a few tests an hour per editor is plenty.
            ratelimit.attempt_as("newsletter_test", f"user:{request.user.pk}")
            actions.send_test(request.user, newsletter, form.cleaned_data["to"])
        except ratelimit.Limited as limited:
            return ratelimit.ratelimited_response(request, limited)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The test has been sent to %(email)s.") % {"email": form.cleaned_data["to"]})
            return redirect(
                _edit_url(newsletter)
                if newsletter.status == NewsletterStatus.CONCEPT
                else reverse("learning:newsletter_progress", kwargs={"pk": newsletter.pk})
            )
    context = {"newsletter": newsletter, "form": form}
    return render(request, "learning/newsletter/test.html", context, status=400 if form.is_bound else 200)


@editors_only
@drafts_only
@require_http_methods(["GET", "POST"])
def send(request, pk: int):
    """A confirmation page first: how many subscribers, and that a sent newsletter cannot be changed."""
    newsletter = _draft(pk)
    error = ""
    if request.method == "POST":
        try:
            count = actions.start_sending(request.user, newsletter)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            started = ngettext(
                "Sending has started to %(count)d subscriber.", "Sending has started to %(count)d subscribers.", count
            )
            messages.success(request, started % {"count": count})
            return redirect("learning:newsletter_progress", pk=newsletter.pk)
    context = {
        "newsletter": newsletter,
        "subscribers": Subscriber.objects.filter(status=SubscriberStatus.ACTIEF).count(),
        "items": newsletter.items.count(),
        "error": error,
    }
    return render(request, "learning/newsletter/send.html", context, status=400 if error else 200)


@editors_only
def progress(request, pk: int):
    newsletter = _newsletter(pk)
    if newsletter.status == NewsletterStatus.CONCEPT:
        return redirect(_edit_url(newsletter))
    counts = sending.progress(newsletter)
    failures = newsletter.deliveries.exclude(failed_at=None).exclude(error=sending.SKIPPED).select_related("subscriber")
    context = {"newsletter": newsletter, "progress": counts, "failures": list(failures.order_by("failed_at")[:50])}
    return render(request, "learning/newsletter/progress.html", context)
