"""Writes Stedelijk leren's demo content (``data.py``) with the ORM (``kernkompas demo``).

Idempotent like the other parts: each piece is found by its key (a programme by its slug, a session by its
programme and slug, a subscriber by address, a newsletter by slug, a suggestion by its author and title, a digest by
its member). A missing piece is made again from the data, with everything that belongs to it (a session with its
materials, registrations and advice); one that exists is left as it is, also when someone changed it (the demo is
something to try things in).

The loader writes rows, not operations: it sends no e-mail, schedules nothing and writes no audit event of its own
(the site's one ``demo.loaded`` event covers the load). The learning part may not import the Vitrine, so demo cases
are looked up as Wagtail pages by their slugs and left out quietly when the Vitrine's demo is not there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from kernkompas.learning import tokens
from kernkompas.learning.demo import data
from kernkompas.learning.models import (
    Advice,
    Delivery,
    DigestPreference,
    ItemKind,
    LearningTheme,
    Material,
    MaterialKind,
    Newsletter,
    NewsletterItem,
    NewsletterStatus,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    Subscriber,
    SubscriberStatus,
    SuggestionStatus,
    SuggestionSupport,
    ThemeFramework,
    ThemeSuggestion,
)
from kernkompas.places.models import Gebied, Gemeente, Kern, Regio


@dataclass
class LearningLoadSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)


@dataclass
class _Context:
    """What every step looks up once: the demo's people, municipalities, themes and case pages."""

    users: dict
    gemeenten: dict
    themes: dict
    cases: dict
    guests: tuple
    summary: LearningLoadSummary

    def made(self, model, n: int = 1) -> None:
        if n:
            self.summary.created[model._meta.label] += n


def load_demo(by=None) -> LearningLoadSummary:
    """Put the demo programmes, registrations, suggestions, newsletter and digest in place; a second run creates
    nothing. ``by`` (who runs ``kernkompas demo``) is not used: each row names the demo person who would have made
    it (Eva the platform programme and the newsletters, Ellen Maasdijk's intervision, Sofie Veldrode's table)."""
    summary = LearningLoadSummary()
    gemeenten = {g.slug: g for g in Gemeente.objects.filter(is_demo=True)}
    if "maasdijk" not in gemeenten:
        return summary  # the demo region is not there (a test that loads only a part)
    context = _Context(
        users=_demo_users(),
        gemeenten=gemeenten,
        themes=_default_themes(),
        cases={page.slug: page for page in Page.objects.filter(slug__startswith="demo-").live()},
        guests=data.guests(),
        summary=summary,
    )
    # The newsletter items copy the sessions' addresses as a visitor sees them, in the site's first language.
    with translation.override("nl"):
        sessions = {}
        for programme in data.PROGRAMMES:
            sessions.update(_load_programme(programme, context))
        _load_suggestions(context, sessions)
        _load_newsletter(context, sessions)
        _load_digest(context)
    return summary


def _demo_users() -> dict:
    names = {"ellen", "sofie", "femke", "eva", "anton", "bram"}
    return {user.username: user for user in get_user_model().objects.filter(username__in=names)}


def _default_themes() -> dict[str, LearningTheme]:
    framework = ThemeFramework.objects.filter(is_default=True).order_by("order", "pk").first()
    if framework is None:
        return {}
    return {theme.slug: theme for theme in framework.themes.all()}


def _pick(mapping: dict, keys) -> list:
    """The objects of these keys that exist (an editor may have removed a theme, the Vitrine may have no cases)."""
    return [mapping[key] for key in keys if key in mapping]


# --- Programmes and sessions -------------------------------------------------------------------------------------


def _load_programme(item: data.DemoProgramme, context: _Context) -> dict[str, Session]:
    """The programme and its sessions, by slug (``{session slug: session}`` of the platform programme)."""
    if item.gemeente and item.gemeente not in context.gemeenten:
        return {}
    programme = Programme.objects.filter(slug=item.slug).first()
    if programme is None:
        programme = Programme.objects.create(
            slug=item.slug,
            title=item.title,
            description=item.description,
            gemeente=context.gemeenten.get(item.gemeente),
            regio=Regio.objects.filter(slug=data.REGIO_SLUG).first() if item.regional else None,
            framework=ThemeFramework.objects.filter(is_default=True).order_by("order", "pk").first(),
            is_public=item.is_public,
            created_by=context.users.get(item.run_by),
        )
        context.made(Programme)
    sessions = {}
    for session_item in item.sessions:
        session = programme.sessions.filter(slug=session_item.slug).first()
        if session is None:
            session = _make_session(programme, session_item, context.users.get(item.run_by), context)
        sessions[session_item.slug] = session
    return sessions if item.slug == data.PLATFORM_SLUG else {}


def _make_session(programme: Programme, item: data.DemoSession, by, context: _Context) -> Session:
    gebied = None
    if item.gebied and programme.gemeente_id:
        kern_slug, gebied_slug = item.gebied
        gebied = Gebied.objects.filter(
            kern__gemeente=programme.gemeente, kern__slug=kern_slug, slug=gebied_slug
        ).first()
    session = Session.objects.create(
        programme=programme,
        kind=item.kind,
        title=item.title,
        slug=item.slug,
        description=item.description,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        format=item.format,
        location=item.location,
        meeting_url=item.meeting_url,
        speakers="\n".join(item.speakers),
        capacity=item.capacity,
        status=item.status,
        indicator_codes=list(item.indicators),
        gebied=gebied,
        kern=gebied.kern if gebied else None,
        share_dashboard=item.share_dashboard,
        share_dna=item.share_dna,
        share_plan=item.share_plan,
        created_by=by,
    )
    context.made(Session)
    themes = _pick(context.themes, item.themes)
    session.themes.set(themes)
    session.cases.set(_pick(context.cases, item.cases))
    _make_materials(session, item, themes, context)
    _make_registrations(session, item, context)
    _make_advice(session, item, context)
    return session


def _make_materials(session: Session, item: data.DemoSession, themes: list, context: _Context) -> None:
    for order, material in enumerate(item.materials):
        before = material.timing == "vooraf"
        made = Material.objects.create(
            session=session,
            kind=material.kind,
            timing=material.timing,
            title=material.title,
            url=material.url,
            text=material.text,
            order=order,
            # Reading is put up a week before; slides, recordings and notes the day after.
            published_at=session.starts_at - timedelta(days=7) if before else session.ends_at + timedelta(days=1),
        )
        made.themes.set(themes)
        made.cases.set(_pick(context.cases, material.cases or item.cases))
    context.made(Material, len(item.materials))


# --- Registrations -----------------------------------------------------------------------------------------------


def _make_registrations(session: Session, item: data.DemoSession, context: _Context) -> None:
    """Confirmed registrations in arrival order: the first ``capacity`` who did not cancel have a place, the others
    wait in arrival order; whoever came in after every place was taken was moved up by a cancellation."""
    if not item.registrations and not item.unconfirmed:
        return
    members = {arrival: context.users[name] for name, arrival in item.members if name in context.users}
    offset = (sum(map(ord, item.slug)) * 7) % len(context.guests)  # each session its own mix of regulars
    guests = (context.guests[(offset + n) % len(context.guests)] for n in range(len(context.guests)))
    times = _registration_times(item)
    rows = []
    for arrival, at in enumerate(times[: item.registrations], start=1):
        row = _registration(session, members.get(arrival) or next(guests), arrival, at)
        _set_status(row, item, _cancelled_at(item, arrival))
        rows.append(row)
    for at in times[item.registrations :]:
        row = _registration(session, next(guests), None, at)
        row.status, row.confirmed_at = RegistrationStatus.WACHT_OP_BEVESTIGING, None
        rows.append(row)
    made = Registration.objects.bulk_create(rows)
    Session.objects.filter(pk=session.pk).update(arrivals=item.registrations)
    session.arrivals = item.registrations
    # The moments people registered, not the moment the demo was loaded.
    for row, at in zip(made, times, strict=True):
        Registration.objects.filter(pk=row.pk).update(created_at=at)
    context.made(Registration, len(made))


def _registration_times(item: data.DemoSession) -> list[datetime]:
    """When each registration came in, evenly from five weeks before the session until the day before the session
    or before the demo's today, whichever is first (confirmed ones in arrival order, then the unconfirmed)."""
    closes = min(item.starts_at, data.TODAY) - timedelta(days=1)
    opens = min(item.starts_at - timedelta(days=35), closes - timedelta(days=14))
    count = item.registrations + item.unconfirmed
    step = (closes - opens) / count
    return [opens + step * n for n in range(count)]


def _cancelled_at(item: data.DemoSession, arrival: int) -> datetime | None:
    """Cancellations come late, after everyone had registered (so the waiting list was full when they came)."""
    if arrival not in item.cancelled:
        return None
    return min(item.starts_at, data.TODAY) - timedelta(hours=12, minutes=arrival)


def _set_status(row: Registration, item: data.DemoSession, cancelled_at: datetime | None) -> None:
    staying = [a for a in range(1, item.registrations + 1) if a not in item.cancelled]
    if cancelled_at is not None:
        row.status, row.cancelled_at = RegistrationStatus.GEANNULEERD, cancelled_at
    elif row.arrival in staying[: item.capacity]:
        row.status = RegistrationStatus.INGESCHREVEN
        held = item.status == "gepubliceerd" and item.ends_at <= data.TODAY
        row.attended = row.arrival not in item.no_shows if held else None
        if row.arrival > item.capacity:  # every place was taken when they came: the last cancellation moved them up
            row.promoted_at = max(_cancelled_at(item, a) for a in item.cancelled)
    else:
        row.status = RegistrationStatus.WACHTLIJST


def _registration(session: Session, person, arrival: int | None, at: datetime) -> Registration:
    """One registration of a demo user (with their account) or of a guest. Its personal link's secret is thrown
    away: nobody can open a demo registration from an e-mail."""
    if isinstance(person, data.DemoGuest):
        user, name, email, organisation = None, person.name, person.email, person.organisation
    else:
        user, name, email, organisation = person, person.get_full_name(), person.email, person.organisation_name
    return Registration(
        session=session,
        user=user,
        name=name,
        email=email,
        organisation=organisation[:150],
        arrival=arrival,
        secret_hash=tokens.new_secret()[1],
        confirmed_at=at,
    )


# --- Intervision advice ------------------------------------------------------------------------------------------


def _make_advice(session: Session, item: data.DemoSession, context: _Context) -> None:
    for advice in item.advice:
        made = Advice.objects.create(
            session=session,
            author=context.users.get(advice.author) if advice.author else None,
            author_name=advice.name,
            organisation=advice.organisation,
            text=advice.text,
        )
        Advice.objects.filter(pk=made.pk).update(created_at=item.starts_at + timedelta(minutes=advice.minute))
    context.made(Advice, len(item.advice))


# --- Suggestions -------------------------------------------------------------------------------------------------


def _load_suggestions(context: _Context, sessions: dict[str, Session]) -> None:
    programme = Programme.objects.filter(slug=data.PLATFORM_SLUG).first()
    for item in data.SUGGESTIONS:
        author = context.users.get(item.author)
        if author is None or ThemeSuggestion.objects.filter(author=author, title=item.title).exists():
            continue
        suggestion = ThemeSuggestion.objects.create(
            title=item.title,
            description=item.description,
            author=author,
            programme=programme,
            theme=context.themes.get(item.theme),
            status=item.status,
            session=sessions.get(item.session) if item.status == SuggestionStatus.GEPLAND else None,
            decision_note=item.decision_note,
        )
        at = data.anchor_datetime(item.days_before_anchor)
        ThemeSuggestion.objects.filter(pk=suggestion.pk).update(created_at=at)
        context.made(ThemeSuggestion)
        supporters = _pick(context.users, item.supporters)
        for n, user in enumerate(supporters, start=1):
            support = SuggestionSupport.objects.create(suggestion=suggestion, user=user)
            SuggestionSupport.objects.filter(pk=support.pk).update(created_at=at + timedelta(hours=5 * n))
        context.made(SuggestionSupport, len(supporters))


# --- The newsletter ----------------------------------------------------------------------------------------------


def _load_newsletter(context: _Context, sessions: dict[str, Session]) -> None:
    subscribers = [_load_subscriber(item, context) for item in data.SUBSCRIBERS]
    for item in data.NEWSLETTERS:
        if Newsletter.objects.filter(slug=item.slug).exists():
            continue
        newsletter = _make_newsletter(item, context, sessions)
        if item.sent_days_before_anchor is not None:
            _deliver(newsletter, [s for s in subscribers if s is not None], context)


def _load_subscriber(item: data.DemoSubscriber, context: _Context) -> Subscriber | None:
    user = context.users.get(item.user) if item.user else None
    email = user.email.lower() if user else item.email
    if not email:
        return None
    found = Subscriber.objects.filter(email=email).first()
    if found is not None:
        return found
    signed_up = data.anchor_datetime(item.days_before_anchor, hour=9)
    confirmed = item.status != SubscriberStatus.WACHT_OP_BEVESTIGING
    subscriber = Subscriber.objects.create(
        email=email,
        name=item.name,
        user=user,
        status=item.status,
        confirmed_at=signed_up + timedelta(minutes=4) if confirmed else None,
        unsubscribed_at=(
            data.anchor_datetime(item.unsubscribed_days_before_anchor, hour=20)
            if item.status == SubscriberStatus.AFGEMELD
            else None
        ),
    )
    Subscriber.objects.filter(pk=subscriber.pk).update(created_at=signed_up)
    subscriber.created_at = signed_up
    context.made(Subscriber)
    return subscriber


def _make_newsletter(item: data.DemoNewsletter, context: _Context, sessions: dict[str, Session]) -> Newsletter:
    sent = item.sent_days_before_anchor is not None
    sent_at = data.anchor_datetime(item.sent_days_before_anchor, hour=10) if sent else None
    newsletter = Newsletter.objects.create(
        title=item.title,
        slug=item.slug,
        introduction=item.introduction,
        status=NewsletterStatus.VERZONDEN if sent else NewsletterStatus.CONCEPT,
        created_by=context.users.get("eva"),
        test_sent_at=sent_at - timedelta(hours=20) if sent else None,
        send_started_at=sent_at,
        sent_at=sent_at + timedelta(minutes=3) if sent else None,
    )
    context.made(Newsletter)
    items = [
        entry
        for order, demo_item in enumerate(item.items)
        if (entry := _newsletter_item(newsletter, order, demo_item, context, sessions)) is not None
    ]
    NewsletterItem.objects.bulk_create(items)
    context.made(NewsletterItem, len(items))
    if sent:
        Newsletter.objects.filter(pk=newsletter.pk).update(created_at=sent_at - timedelta(days=6))
    return newsletter


def _newsletter_item(newsletter, order: int, item: data.DemoItem, context: _Context, sessions) -> NewsletterItem | None:
    """The entry as it was copied into the newsletter; None when what it points at is not there."""
    if item.kind == ItemKind.CASE:
        page = context.cases.get(item.ref)
        if page is None:
            return None
        return NewsletterItem(
            newsletter=newsletter,
            kind=item.kind,
            source_key=f"case:{page.pk}",
            title=page.title,
            summary=item.summary,
            url=page.get_url() or "",
            order=order,
        )
    session = sessions.get(item.ref)
    if session is None:
        return None
    if item.kind == ItemKind.RECORDING:
        recording = session.materials.filter(kind=MaterialKind.OPNAME).first()
        if recording is None:
            return None
        return NewsletterItem(
            newsletter=newsletter,
            kind=item.kind,
            source_key=f"recording:{recording.pk}",
            title=f"{session.title} – {recording.title}",
            summary=item.summary,
            url=recording.url,
            when=session.starts_at,
            order=order,
        )
    return NewsletterItem(
        newsletter=newsletter,
        kind=ItemKind.SESSION,
        source_key=f"session:{session.pk}",
        title=session.title,
        summary=item.summary or session.description[:300],
        url=reverse("learning:session", kwargs={"programme": session.programme.slug, "slug": session.slug}),
        when=session.starts_at,
        order=order,
    )


def _deliver(newsletter: Newsletter, subscribers: list[Subscriber], context: _Context) -> None:
    """One delivery, marked sent, for everyone who had confirmed before the send (as the real send does)."""
    reached = [
        s
        for s in subscribers
        if s.confirmed_at is not None
        and s.confirmed_at < newsletter.send_started_at
        and (s.unsubscribed_at is None or s.unsubscribed_at > newsletter.send_started_at)
    ]
    deliveries = Delivery.objects.bulk_create(
        Delivery(newsletter=newsletter, subscriber=s, sent_at=newsletter.send_started_at + timedelta(seconds=n))
        for n, s in enumerate(reached, start=1)
    )
    context.made(Delivery, len(deliveries))


# --- Bram's digest -----------------------------------------------------------------------------------------------


def _load_digest(context: _Context) -> None:
    user = context.users.get(data.DIGEST_USER)
    if user is None or DigestPreference.objects.filter(user=user).exists():
        return
    preference = DigestPreference.objects.create(user=user, frequency=data.DIGEST_FREQUENCY)
    preference.themes.set(_pick(context.themes, data.DIGEST_THEMES))
    preference.gemeenten.set(_pick(context.gemeenten, data.DIGEST_GEMEENTEN))
    kernen = [
        Kern.objects.filter(gemeente__slug=g, slug=k, gemeente__is_demo=True).first() for g, k in data.DIGEST_KERNEN
    ]
    preference.kernen.set([kern for kern in kernen if kern is not None])
    context.made(DigestPreference)
