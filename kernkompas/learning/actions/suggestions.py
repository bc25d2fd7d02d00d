"""Theme suggestions: members and staff suggest a theme, others support it, and the people who run the programme
plan it into a session or decline it with a note; the suggester and every supporter hear about it by e-mail.

Who decides: editors (and administrators) decide on every suggestion; the staff who run a programme decide on the
suggestions addressed to it. A platform-wide programme or no programme at all is the editors'. Each operation owns
its transaction, writes the audit log and sends its e-mail only once the change is committed.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions
from kernkompas.core import audit
from kernkompas.learning import access, mail
from kernkompas.learning.models import (
    Programme,
    Session,
    SessionStatus,
    SuggestionStatus,
    SuggestionSupport,
    ThemeSuggestion,
)

logger = logging.getLogger(__name__)

#: The suggestions a list shows at most: the most supported come first, the tail is not worth a page.
LIST_LIMIT = 200


# --- Who sees and decides -----------------------------------------------------------------------------------


def visible_suggestions(user) -> QuerySet:
    """Suggestions without a programme or for a public programme, plus those for the programmes the user runs;
    with their number of supporters (``support_count``), the most supported first."""
    scope = Q(programme=None) | Q(programme__is_public=True)
    if user.is_authenticated:
        scope |= Q(programme__in=access.programmes_run_by(user))
    return (
        ThemeSuggestion.objects.filter(scope)
        .select_related("author", "programme", "theme", "session", "session__programme")
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("-support_count", "-created_at", "pk")
    )


def can_decide(user, suggestion: ThemeSuggestion) -> bool:
    """Editors decide on every suggestion; staff on those addressed to a programme of their municipality."""
    if permissions.is_redactie(user):
        return True
    programme = suggestion.programme
    return programme is not None and programme.gemeente_id is not None and access.can_run_programme(user, programme)


def can_decide_any(user) -> bool:
    """Editors, and the staff who run a programme of a municipality."""
    if permissions.is_redactie(user):
        return True
    return access.programmes_run_by(user).filter(gemeente__isnull=False).exists()


def suggestions_to_decide(user) -> QuerySet:
    """The open suggestions this user decides on (none for members without a role)."""
    found = visible_suggestions(user).filter(status=SuggestionStatus.OPEN)
    if permissions.is_redactie(user):
        return found
    return found.filter(programme__gemeente__isnull=False, programme__in=access.programmes_run_by(user))


def sessions_to_plan(user, suggestion: ThemeSuggestion) -> QuerySet:
    """The sessions a suggestion may be planned into: not cancelled and not over, of a programme the user runs
    (of the suggestion's own programme when it names one)."""
    programmes = access.programmes_run_by(user)
    if suggestion.programme_id is not None:
        programmes = programmes.filter(pk=suggestion.programme_id)
    return (
        Session.objects.filter(programme__in=programmes)
        .exclude(status=SessionStatus.GEANNULEERD)
        .upcoming()
        .select_related("programme")
        .order_by("starts_at", "pk")
    )


def new_session_url(programme: Programme, suggestion: ThemeSuggestion) -> str:
    """The staff form for a new session of ``programme``, prefilled from the suggestion; after saving it comes back
    to the plan page with the new session chosen."""
    try:
        return reverse("learning:session_new", args=[programme.pk]) + f"?voorstel={suggestion.pk}"
    except NoReverseMatch:  # the staff pages are another piece of this part, built side by side
        return ""


def programmes_for_new_session(user, suggestion: ThemeSuggestion) -> QuerySet:
    """Where the user may make a new session for this suggestion: its programme, or every programme they run."""
    programmes = access.programmes_run_by(user).order_by("title")
    if suggestion.programme_id is not None:
        return programmes.filter(pk=suggestion.programme_id)
    return programmes


# --- Suggesting and supporting ------------------------------------------------------------------------------


@transaction.atomic
def suggest(by, *, title: str, description: str = "", programme: Programme | None = None, theme=None):
    """A new open suggestion by ``by`` (a logged-in member)."""
    suggestion = ThemeSuggestion(
        author=by, title=title.strip(), description=description.strip(), programme=programme, theme=theme
    )
    suggestion.full_clean(exclude=["author", "session"])
    suggestion.save()
    audit.record(by, "learning.suggestion_made", suggestion, gemeente=programme.gemeente if programme else None)
    return suggestion


@transaction.atomic
def support(by, suggestion: ThemeSuggestion) -> bool:
    """Support an open suggestion once; False when ``by`` supported it already. The author cannot support their
    own: a suggestion's count says how many *others* want it."""
    if suggestion.author_id == by.pk:
        raise ValidationError(_("You cannot support your own suggestion."))
    if suggestion.status != SuggestionStatus.OPEN:
        raise ValidationError(_("This suggestion has been decided on; it can no longer be supported."))
    try:
        # A savepoint: a second click arriving at the same moment meets the unique constraint, not a broken
        # transaction.
        with transaction.atomic():
            SuggestionSupport.objects.create(suggestion=suggestion, user=by)
    except IntegrityError:
        return False
    audit.record(by, "learning.suggestion_supported", suggestion, gemeente=_gemeente(suggestion))
    return True


@transaction.atomic
def withdraw_support(by, suggestion: ThemeSuggestion) -> bool:
    """Take back one's support; False when there was none."""
    deleted, _rows = SuggestionSupport.objects.filter(suggestion=suggestion, user=by).delete()
    if not deleted:
        return False
    audit.record(by, "learning.suggestion_support_withdrawn", suggestion, gemeente=_gemeente(suggestion))
    return True


def _gemeente(suggestion: ThemeSuggestion):
    return suggestion.programme.gemeente if suggestion.programme_id else None


# --- Deciding -----------------------------------------------------------------------------------------------


def _lock_open(suggestion: ThemeSuggestion) -> ThemeSuggestion:
    """The suggestion, locked, if it is still open: two people deciding at once mail the suggesters once."""
    locked = ThemeSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.OPEN:
        raise ValidationError(_("This suggestion has already been decided on."))
    return locked


@transaction.atomic
def plan(by, suggestion: ThemeSuggestion, session: Session) -> ThemeSuggestion:
    """Link the suggestion to a session of a programme ``by`` runs; the suggesters hear about it."""
    if not can_decide(by, suggestion) or not sessions_to_plan(by, suggestion).filter(pk=session.pk).exists():
        raise ValidationError({"session": _("Choose a coming session of a programme you run.")})
    locked = _lock_open(suggestion)
    locked.status = SuggestionStatus.GEPLAND
    locked.session = session
    locked.save(update_fields=["status", "session"])
    audit.record(by, "learning.suggestion_planned", locked, gemeente=session.programme.gemeente)
    transaction.on_commit(lambda: notify(locked, "learning/emails/suggestion_planned"))
    return locked


@transaction.atomic
def decline(by, suggestion: ThemeSuggestion, note: str) -> ThemeSuggestion:
    """Decline the suggestion with a note to the suggesters, who hear about it."""
    note = note.strip()
    if not note:
        raise ValidationError({"decision_note": _("Write a short note to the suggesters: why not?")})
    if not can_decide(by, suggestion):
        raise ValidationError(_("You do not decide on this suggestion."))
    locked = _lock_open(suggestion)
    locked.status = SuggestionStatus.AFGEWEZEN
    locked.decision_note = note
    locked.full_clean(exclude=["author", "session"])
    locked.save(update_fields=["status", "decision_note"])
    audit.record(by, "learning.suggestion_declined", locked, gemeente=_gemeente(locked))
    transaction.on_commit(lambda: notify(locked, "learning/emails/suggestion_declined"))
    return locked


# --- E-mail -------------------------------------------------------------------------------------------------


def recipients(suggestion: ThemeSuggestion) -> list:
    """The suggester and every supporter with an address, each once (by address)."""
    people = [suggestion.author, *(support.user for support in suggestion.supports.select_related("user"))]
    found, seen = [], set()
    for person in people:
        address = (person.email or "").strip().lower()
        if person.is_active and address and address not in seen:
            seen.add(address)
            found.append(person)
    return found


def notify(suggestion: ThemeSuggestion, template: str) -> int:
    """Mail the decision to everyone who suggested or supported it; the number of messages sent. One address that
    fails does not keep the others from hearing."""
    suggestion = ThemeSuggestion.objects.select_related("session", "session__programme").get(pk=suggestion.pk)
    context = {"suggestion": suggestion, "session": suggestion.session, **_links(suggestion)}
    sent = 0
    for person in recipients(suggestion):
        try:
            mail.send(template, {**context, "name": person.get_short_name() or person.username}, person.email)
        except Exception:
            logger.exception("Could not mail the decision on suggestion %s to user %s", suggestion.pk, person.pk)
        else:
            sent += 1
    return sent


def _links(suggestion: ThemeSuggestion) -> dict:
    """The session's page once it is published (before that it does not exist for the suggesters), and the list."""
    session = suggestion.session
    session_url = ""
    if session is not None and session.programme.is_public and session.status == SessionStatus.GEPUBLICEERD:
        session_url = page_url(session.get_absolute_url)
    return {"session_url": session_url, "suggestions_url": mail.absolute(reverse("learning:suggestions"))}


def page_url(build) -> str:
    """An absolute link to a page of another piece of this part, or "" while that page is not there (the pieces of
    Stedelijk leren are built side by side; a missing link must not keep anyone from hearing)."""
    try:
        return mail.absolute(build())
    except NoReverseMatch:
        return ""
