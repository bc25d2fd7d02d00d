"""The newsletter's named operations: subscribing (double opt-in), confirming, unsubscribing; the editors'
assembling of an issue (title, introduction, items picked from the suggestions, free links, their order); a test
send; starting the send. Each owns its transaction and writes the audit log; mail goes out on commit.

A subscription never says whether an address was already known: :func:`subscribe` answers nothing, and mails the
address only when that can do its owner no harm (a confirmation link for an address that is not subscribed).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.core import audit
from kernkompas.learning import mail, newsletter_sources, sending, tokens
from kernkompas.learning.models import (
    ItemKind,
    Newsletter,
    NewsletterItem,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)

#: Items in one issue: a quarterly letter people read to the end.
MAX_ITEMS = 40
#: Slugs a newsletter cannot have: the archive's other addresses under /leren/nieuwsbrief/.
RESERVED_SLUGS = {"feed", "bevestigen", "afmelden"}
CONFIRM_TEMPLATE = "learning/emails/subscribe_confirm"


def _require_editor(user) -> None:
    if not permissions.is_redactie(user):
        raise PermissionDenied


def _require_draft(newsletter: Newsletter) -> None:
    if newsletter.status != NewsletterStatus.CONCEPT:
        raise ValidationError(_("This newsletter is being sent or has been sent; it can no longer be changed."))


def _locked(newsletter: Newsletter) -> Newsletter:
    """The newsletter's row, locked until the transaction ends, so two editors' changes and a send go one by one."""
    return Newsletter.objects.select_for_update().get(pk=newsletter.pk)


# --- Subscribers ----------------------------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _confirm_url(subscriber: Subscriber) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("learning:newsletter_confirm", kwargs={"token": tokens.confirm_token(subscriber)})
    return mail.absolute(path)


def _mail_confirmation(subscriber: Subscriber) -> None:
    context = {
        "name": subscriber.name,
        "confirm_url": _confirm_url(subscriber),
        "days": tokens.CONFIRM_MAX_AGE // 86400,
    }
    transaction.on_commit(lambda: mail.send(CONFIRM_TEMPLATE, context, subscriber.email))


def subscribe(email: str, name: str = "") -> None:
    """Ask ``email`` to confirm a subscription. Nothing changes for an address that is already subscribed, and the
    caller learns nothing either way: the page answers the same for every address."""
    email, name = normalise_email(email), (name or "").strip()[:120]
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(email=email, defaults={"name": name})
        if subscriber.status == SubscriberStatus.ACTIEF:
            return
        if name and not created and subscriber.status == SubscriberStatus.WACHT_OP_BEVESTIGING:
            subscriber.name = name
            subscriber.save(update_fields=["name"])
        # An address that unsubscribed stays unsubscribed until its owner confirms again.
        if created:
            audit.record(None, "learning.subscriber_signed_up", subscriber)
        _mail_confirmation(subscriber)


def confirm(token: str) -> Subscriber | None:
    """Confirm the subscription of the token's address; None when the token is forged, too old, or names an
    address that changed since."""
    found = tokens.confirmed_subscriber_id(token)
    if found is None:
        return None
    pk, email = found
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=pk, email=email).first()
        if subscriber is None:
            return None
        if subscriber.status != SubscriberStatus.ACTIEF:
            _activate(subscriber)
            audit.record(None, "learning.subscriber_confirmed", subscriber)
    return subscriber


def _activate(subscriber: Subscriber) -> None:
    subscriber.status, subscriber.confirmed_at, subscriber.unsubscribed_at = (
        SubscriberStatus.ACTIEF,
        timezone.now(),
        None,
    )
    subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])


def subscribe_member(user) -> Subscriber:
    """A member subscribes with one click: their account's address needs no second confirmation."""
    email = normalise_email(user.email)
    if not email:
        raise ValidationError(_("Your account has no e-mail address; add one to your profile first."))
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"name": user.get_full_name()[:120]}
        )
        if subscriber.user_id is None:
            subscriber.user = user
            subscriber.save(update_fields=["user"])
        if subscriber.status != SubscriberStatus.ACTIEF:
            _activate(subscriber)
            audit.record(user, "learning.subscriber_confirmed", subscriber)
    return subscriber


def member_subscription(user) -> Subscriber | None:
    """The member's own subscription (by their account's address), for their view of the sign-up page."""
    if not user.is_authenticated or not user.email:
        return None
    return Subscriber.objects.filter(email=normalise_email(user.email)).first()


def unsubscribe(subscriber: Subscriber) -> None:
    """Take the address off the list (a delivery not yet sent to it is skipped). Doing it twice changes nothing."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == SubscriberStatus.AFGEMELD:
            return
        subscriber.status, subscriber.unsubscribed_at = SubscriberStatus.AFGEMELD, timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        audit.record(None, "learning.subscriber_unsubscribed", subscriber)


# --- Assembling an issue --------------------------------------------------------------------------------------


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:90] or "nieuwsbrief"
    if base in RESERVED_SLUGS:
        base = f"nieuwsbrief-{base}"
    taken = Newsletter.objects.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True)
    taken = set(taken)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _clean_text(title: str, introduction: str) -> tuple[str, str]:
    title = " ".join((title or "").split())
    # Paragraphs are kept (an empty line between them); trailing spaces and Windows line ends are not.
    introduction = "\n".join(line.rstrip() for line in (introduction or "").replace("\r\n", "\n").split("\n")).strip()
    if not title:
        raise ValidationError({"title": _("Give the newsletter a title.")})
    if len(title) > 200:
        raise ValidationError({"title": _("The title is too long: at most 200 characters.")})
    if len(introduction) > 5000:
        raise ValidationError({"introduction": _("The introduction is too long: at most 5,000 characters.")})
    return title, introduction


def create_newsletter(by, *, title: str, introduction: str = "") -> Newsletter:
    _require_editor(by)
    title, introduction = _clean_text(title, introduction)
    with transaction.atomic():
        newsletter = Newsletter.objects.create(
            title=title, slug=_unique_slug(title), introduction=introduction, created_by=by
        )
        audit.record(by, "learning.newsletter_created", newsletter)
    return newsletter


def change_newsletter(by, newsletter: Newsletter, *, title: str, introduction: str = "") -> Newsletter:
    """Change the title and introduction of a draft (its address follows the title until it is sent)."""
    _require_editor(by)
    title, introduction = _clean_text(title, introduction)
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _require_draft(newsletter)
        changes = {}
        if newsletter.title != title:
            changes["title"] = [newsletter.title, title]
            newsletter.title, newsletter.slug = title, _unique_slug(title, exclude_pk=newsletter.pk)
        if newsletter.introduction != introduction:
            changes["introduction"] = ["…", "…"]
            newsletter.introduction = introduction
        if changes:
            newsletter.save(update_fields=["title", "slug", "introduction", "updated_at"])
            audit.record(by, "learning.newsletter_changed", newsletter, changes=changes)
    return newsletter


def _next_order(newsletter: Newsletter) -> int:
    return (newsletter.items.aggregate(last=Max("order"))["last"] or 0) + 1


def _check_room(newsletter: Newsletter) -> None:
    if newsletter.items.count() >= MAX_ITEMS:
        raise ValidationError(_("A newsletter holds at most %(count)d items.") % {"count": MAX_ITEMS})


def add_item(by, newsletter: Newsletter, key: str) -> NewsletterItem:
    """Copy the suggestion ``key`` into the issue (its title, summary and link as they are now)."""
    _require_editor(by)
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _require_draft(newsletter)
        _check_room(newsletter)
        suggestion = newsletter_sources.find(newsletter, key)
        if suggestion is None:
            raise ValidationError(
                _("This suggestion can no longer be added (it is already in the newsletter or gone).")
            )
        item = NewsletterItem.objects.create(
            newsletter=newsletter,
            kind=suggestion.kind,
            source_key=suggestion.key,
            title=suggestion.title[:300],
            summary=suggestion.summary[:1000],
            url=suggestion.url[:500],
            when=suggestion.when,
            order=_next_order(newsletter),
        )
        audit.record(by, "learning.newsletter_item_added", newsletter, changes={"item": [None, item.title]})
    return item


def _check_link(url: str) -> str:
    url = (url or "").strip()
    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise ValidationError({"url": _("Give a web address that starts with https:// or http://.")})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": _("This is not a web address we can link to; check it for typing errors.")}
        ) from None
    if len(url) > 500:
        raise ValidationError({"url": _("The web address is too long: at most 500 characters.")})
    return url


def add_link(by, newsletter: Newsletter, *, title: str, url: str, summary: str = "") -> NewsletterItem:
    """A free item: a title, a web address (http or https only) and an optional line about it."""
    _require_editor(by)
    title, summary, url = " ".join((title or "").split()), (summary or "").strip(), _check_link(url)
    if not title:
        raise ValidationError({"title": _("Give the link a title.")})
    if len(title) > 300:
        raise ValidationError({"title": _("The title is too long: at most 300 characters.")})
    if len(summary) > 1000:
        raise ValidationError({"summary": _("The description is too long: at most 1,000 characters.")})
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _require_draft(newsletter)
        _check_room(newsletter)
        item = NewsletterItem.objects.create(
            newsletter=newsletter,
            kind=ItemKind.LINK,
            title=title,
            summary=summary,
            url=url,
            order=_next_order(newsletter),
        )
        audit.record(by, "learning.newsletter_item_added", newsletter, changes={"item": [None, item.title]})
    return item


def remove_item(by, item: NewsletterItem) -> None:
    _require_editor(by)
    with transaction.atomic():
        newsletter = _locked(item.newsletter)
        _require_draft(newsletter)
        title = item.title
        NewsletterItem.objects.filter(pk=item.pk).delete()
        audit.record(by, "learning.newsletter_item_removed", newsletter, changes={"item": [title, None]})


def move_item(by, item: NewsletterItem, direction: int) -> None:
    """Swap the item with its neighbour above (``direction`` -1) or below (1); the others keep their order."""
    _require_editor(by)
    with transaction.atomic():
        newsletter = _locked(item.newsletter)
        _require_draft(newsletter)
        items = list(newsletter.items.order_by("order", "pk"))
        index = next((i for i, found in enumerate(items) if found.pk == item.pk), None)
        other = None if index is None else index + (-1 if direction < 0 else 1)
        if other is None or not 0 <= other < len(items):
            return
        items[index], items[other] = items[other], items[index]
        for order, found in enumerate(items, start=1):
            if found.order != order:
                NewsletterItem.objects.filter(pk=found.pk).update(order=order)
        audit.record(by, "learning.newsletter_item_moved", newsletter, changes={"item": [item.title, item.title]})


# --- Testing and sending --------------------------------------------------------------------------------------


def send_test(by, newsletter: Newsletter, to: str) -> None:
    """The issue as a subscriber will get it, to one address (the editor's own unless they typed another), marked
    as a test. Its unsubscribe link is the address's own when it is subscribed, else the sign-up page."""
    _require_editor(by)
    to = normalise_email(to)
    if not to:
        raise ValidationError({"to": _("Give the address the test should go to.")})
    with transaction.atomic():
        newsletter = _locked(newsletter)
        context = sending.message_context(newsletter)
        subscriber = Subscriber.objects.filter(email=to).first() or Subscriber(email=to)
        if subscriber.pk:
            message = sending.build_message(context, subscriber, is_test=True)
        else:
            message = mail.build(
                sending.TEMPLATE,
                {**context, "name": "", "is_test": True},
                to,
                unsubscribe_url=context["signup_url"],
            )
        Newsletter.objects.filter(pk=newsletter.pk).update(test_sent_at=timezone.now())
        audit.record(by, "learning.newsletter_test_sent", newsletter)
        transaction.on_commit(message.send)


def start_sending(by, newsletter: Newsletter) -> int:
    """Send the issue to every confirmed subscriber: write the deliveries now, hand them to the mail server in a
    background thread once this commits (the command ``send_newsletter`` picks up whatever it leaves)."""
    _require_editor(by)
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _require_draft(newsletter)
        if not newsletter.items.exists() and not newsletter.introduction:
            raise ValidationError(_("The newsletter is empty: write an introduction or add items first."))
        count = sending.start_sending(newsletter)
        audit.record(by, "learning.newsletter_send_started", newsletter, changes={"subscribers": count})
        transaction.on_commit(sending.send_in_background)
    return count
