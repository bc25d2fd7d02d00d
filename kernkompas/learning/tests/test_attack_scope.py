"""Scope, seen as an attacker: every page of Stedelijk leren that names an object (by id, slug or token) refuses
whoever is outside that object's scope, and a refused POST changes nothing.

The objects all belong to Maasdijk (a non-public programme, a draft session, a published intervision with
registrations and advice, a suggestion, a draft newsletter); the visitors are Sofie (staff of Veldrode), Bram (a
plain member), Femke (facilitator of Maasdijk: may prepare, not publish or delete) and someone anonymous.

The list of URL patterns is read from the resolver, so a new page that takes an id, slug or token fails
``test_every_object_url_has_a_scope_rule`` until it gets a rule here.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail, serializers
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kernkompas.core.models import AuditEvent
from kernkompas.learning import digest, tokens
from kernkompas.learning.models import (
    Advice,
    DigestPreference,
    LearningTheme,
    Material,
    Newsletter,
    NewsletterItem,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    SessionKind,
    SessionStatus,
    Subscriber,
    SubscriberStatus,
    ThemeFramework,
    ThemeSuggestion,
)
from kernkompas.learning.tests.test_staff_fixtures import at, client_for
from kernkompas.places.models import Gebied, GebiedKind, Kern, KernKind

# Who is refused how. "staff": a login page for someone anonymous, 404 (or 403) for members and staff of another
# municipality. "editor": also the facilitator is refused. "hidden": a public address of something not public,
# 404 for everyone outside Maasdijk. "token": a forged token, 404 for everyone.
# "public": a page anyone may read (a theme of the platform) that must not show what is not public.
STAFF, EDITOR, HIDDEN, TOKEN, PUBLIC = "staff", "editor", "hidden", "token", "public"
OUTSIDERS = {STAFF: ("anonymous", "bram", "sofie"), HIDDEN: ("anonymous", "bram", "sofie")}
OUTSIDERS[PUBLIC] = OUTSIDERS[HIDDEN]
OUTSIDERS[EDITOR] = OUTSIDERS[STAFF] + ("femke",)
OUTSIDERS[TOKEN] = ("anonymous", "bram", "sofie", "femke")

FORGED = "dGhpcy1pcy1ub3QtYS1yZWFsLXRva2Vu"


def _session_kwargs(session):
    return {"programme": session.programme.slug, "slug": session.slug}


# name -> (rule, how to build the kwargs from the world, POST data or None when the view takes no POST)
LEARNING_RULES = {
    "programme": (HIDDEN, lambda w: {"slug": w.programme.slug}, None),
    "programme_ics": (HIDDEN, lambda w: {"slug": w.programme.slug}, None),
    "session": (HIDDEN, lambda w: _session_kwargs(w.draft), None),
    "session_ics": (HIDDEN, lambda w: _session_kwargs(w.draft), None),
    "register": (HIDDEN, lambda w: _session_kwargs(w.intervision), {"name": "Indringer", "email": "x@example.org"}),
    "unregister": (HIDDEN, lambda w: _session_kwargs(w.intervision), {}),
    "intervision": (
        HIDDEN,
        lambda w: _session_kwargs(w.intervision),
        {"author_name": "Indringer", "organisation": "", "text": "Doe iets anders."},
    ),
    "registration": (TOKEN, lambda w: {"pk": w.registration.pk, "secret": FORGED}, {"annuleren": "1"}),
    "theme": (PUBLIC, lambda w: {"pk": w.theme.pk}, None),
    "theme_ics": (PUBLIC, lambda w: {"pk": w.theme.pk}, None),
    "attendance": (STAFF, lambda w: {"pk": w.intervision.pk}, {"aanwezig": ["1"]}),
    "framework_edit": (EDITOR, lambda w: {"pk": w.framework.pk}, {"name": "Overgenomen"}),
    "framework_remove": (EDITOR, lambda w: {"pk": w.framework.pk}, {}),
    "theme_new": (EDITOR, lambda w: {"pk": w.framework.pk}, {"name": "Nieuw", "slug": "nieuw"}),
    "theme_edit": (EDITOR, lambda w: {"pk": w.theme.pk}, {"name": "Overgenomen"}),
    "theme_remove": (EDITOR, lambda w: {"pk": w.theme.pk}, {}),
    "programme_manage": (STAFF, lambda w: {"pk": w.programme.pk}, None),
    "programme_edit": (STAFF, lambda w: {"pk": w.programme.pk}, {"title": "Overgenomen", "is_public": "on"}),
    "session_new": (STAFF, lambda w: {"pk": w.programme.pk}, {"title": "Ingeschoven"}),
    "session_manage": (STAFF, lambda w: {"pk": w.draft.pk}, {}),
    "session_edit": (STAFF, lambda w: {"pk": w.draft.pk}, {"title": "Overgenomen"}),
    "session_publish": (EDITOR, lambda w: {"pk": w.draft.pk}, {}),
    "session_cancel": (STAFF, lambda w: {"pk": w.intervision.pk}, {"reden": "weg"}),
    "material_new": (STAFF, lambda w: {"pk": w.draft.pk}, {"kind": "link", "title": "x", "url": "https://x.org"}),
    "material_edit": (STAFF, lambda w: {"pk": w.material.pk}, {"title": "Overgenomen"}),
    "material_remove": (STAFF, lambda w: {"pk": w.material.pk}, {}),
    "material_move": (STAFF, lambda w: {"pk": w.material.pk}, {"richting": "op"}),
    "suggestion_support": (HIDDEN, lambda w: {"pk": w.suggestion.pk}, {}),
    "suggestion_plan": (STAFF, lambda w: {"pk": w.suggestion.pk}, {"session": "1"}),
    "suggestion_decline": (STAFF, lambda w: {"pk": w.suggestion.pk}, {"decision_note": "nee"}),
    "advice_manage": (STAFF, lambda w: {"pk": w.intervision.pk}, {"advies": "1", "besluit": "terzijde"}),
    "newsletter_confirm": (TOKEN, lambda w: {"token": FORGED}, {}),
    "unsubscribe": (TOKEN, lambda w: {"pk": w.subscriber.pk, "token": FORGED}, {}),
    "newsletter": (HIDDEN, lambda w: {"slug": w.newsletter.slug}, None),
    "newsletter_edit": (EDITOR, lambda w: {"pk": w.newsletter.pk}, {"title": "Overgenomen", "introduction": ""}),
    "newsletter_item_add": (EDITOR, lambda w: {"pk": w.newsletter.pk}, {"bron": "case:1"}),
    "newsletter_link_add": (EDITOR, lambda w: {"pk": w.newsletter.pk}, {"title": "x", "url": "https://x.org"}),
    "newsletter_item_remove": (EDITOR, lambda w: {"pk": w.newsletter.pk, "item_pk": w.item.pk}, {}),
    "newsletter_item_move": (EDITOR, lambda w: {"pk": w.newsletter.pk, "item_pk": w.item.pk}, {"richting": "op"}),
    "newsletter_preview": (EDITOR, lambda w: {"pk": w.newsletter.pk}, None),
    "newsletter_test": (EDITOR, lambda w: {"pk": w.newsletter.pk}, {"to": "x@example.org"}),
    "newsletter_send": (EDITOR, lambda w: {"pk": w.newsletter.pk}, {"bevestig": "on"}),
    "newsletter_progress": (EDITOR, lambda w: {"pk": w.newsletter.pk}, None),
    "digest_off": (TOKEN, lambda w: {"pk": w.preference.pk, "token": FORGED}, {}),
}

# The back office (Wagtail snippets under /beheer/): model -> the object of Maasdijk (or the platform's).
ADMIN_OBJECTS = {
    "programme": lambda w: w.programme,
    "session": lambda w: w.draft,
    "material": lambda w: w.material,
    "themeframework": lambda w: w.framework,
    "learningtheme": lambda w: w.theme,
}
# Frameworks and themes are the editors'; deleting is the editors' too (and femke is no editor).
ADMIN_EDITOR_ONLY_MODELS = {"themeframework", "learningtheme"}
ADMIN_EDITOR_ONLY_VIEWS = {"delete"}
ADMIN_POST_VIEWS = {"edit", "delete"}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.pattern.converters:
            yield f"{namespace}{entry.name}"


def object_url_names() -> set[str]:
    """Every named URL of the part that takes an argument (id, slug, token), including the back office."""
    names = set()
    for name in _walk(get_resolver().url_patterns):
        if name.startswith("learning:"):
            names.add(name)
        elif name.startswith(("wagtailsnippets_learning_", "wagtailsnippetchoosers_learning_")):
            names.add(name)
    return names


def admin_cases():
    for model in ADMIN_OBJECTS:
        for view in ("edit", "delete", "usage", "history", "history_results", "inspect"):
            yield f"wagtailsnippets_learning_{model}:{view}", model, view
        yield f"wagtailsnippetchoosers_learning_{model}:chosen", model, "chosen"


def covered_names() -> set[str]:
    return {f"learning:{name}" for name in LEARNING_RULES} | {name for name, _model, _view in admin_cases()}


def test_every_object_url_has_a_scope_rule():
    assert object_url_names() == covered_names()


# --- The world ---------------------------------------------------------------------------------------------------


def maasdijk_area(cast) -> Gebied:
    """An area of Maasdijk: an intervision is about one (without it the intervision page does not exist)."""
    kern = Kern(
        gemeente=cast.maasdijk, code="99001_77", name="Maasdijk-Haven", slug="haven-aanval", kind=KernKind.HOOFDKERN
    )
    kern.refresh_derived()
    kern.save()
    return Gebied.objects.create(kern=kern, name="Marktplein", slug="marktplein", kind=GebiedKind.KERNWINKELGEBIED)


@pytest.fixture
def world(cast):
    framework = ThemeFramework.objects.create(name="Kader van de redactie", order=9)
    theme = LearningTheme.objects.create(framework=framework, name="Eigen thema", slug="eigen-thema")
    programme = Programme.objects.create(
        title="Intern leren Maasdijk",
        slug="intern-maasdijk",
        gemeente=cast.maasdijk,
        framework=framework,
        is_public=False,
    )
    draft = Session.objects.create(
        programme=programme,
        title="Voorbereiding leegstand",
        slug="voorbereiding",
        starts_at=at(2030, 3, 12, 14),
        ends_at=at(2030, 3, 12, 16),
    )
    draft.themes.add(theme)
    intervision = Session.objects.create(
        programme=programme,
        kind=SessionKind.INTERVISIE,
        gebied=maasdijk_area(cast),
        title="Intervisie Maasdijk-centrum",
        slug="intervisie",
        starts_at=at(2030, 4, 2, 14),
        ends_at=at(2030, 4, 2, 16),
        status=SessionStatus.GEPUBLICEERD,
        capacity=1,
    )
    secret, secret_hash = tokens.new_secret()
    registration = Registration.objects.create(
        session=intervision,
        name="Ellen",
        email="ellen@example.org",
        status=RegistrationStatus.INGESCHREVEN,
        arrival=1,
        secret_hash=secret_hash,
    )
    advice = Advice.objects.create(session=intervision, author_name="Femke", text="Praat met de handelaars.")
    material = Material.objects.create(session=draft, title="Nota", url="https://example.org/nota")
    suggestion = ThemeSuggestion.objects.create(title="Parkeren", programme=programme, author=cast.ellen)
    newsletter = Newsletter.objects.create(title="Nieuwsbrief maart", slug="maart", introduction="Concept")
    item = NewsletterItem.objects.create(newsletter=newsletter, kind="link", title="Link", url="https://x.org")
    subscriber = Subscriber.objects.create(email="lezer@example.org", status=SubscriberStatus.ACTIEF)
    preference = DigestPreference.objects.create(user=cast.ellen)
    return SimpleNamespace(
        cast=cast,
        framework=framework,
        theme=theme,
        programme=programme,
        draft=draft,
        intervision=intervision,
        registration=registration,
        secret=secret,
        advice=advice,
        material=material,
        suggestion=suggestion,
        newsletter=newsletter,
        item=item,
        subscriber=subscriber,
        preference=preference,
    )


def snapshot() -> tuple:
    """Everything the part stores, the audit log and the mail sent: equal before and after a refused POST."""
    models = sorted(apps.get_app_config("learning").get_models(), key=lambda model: model._meta.label)
    rows = tuple(serializers.serialize("json", model.objects.order_by("pk")) for model in models)
    return rows, AuditEvent.objects.count(), len(mail.outbox)


def user_of(world, who):
    return None if who == "anonymous" else getattr(world.cast, who)


# Views that only take POST answer a GET with 405; that tells nothing either.
POST_ONLY = {"register", "unregister", "session_publish", "material_move", "suggestion_support"}


def is_refused(response, who, *, name: str, method: str) -> bool:
    """404 (or 403) for someone logged in; for someone anonymous also the log-in page (which tells nothing about
    the object, and every staff page must answer so); 405 for a GET on a POST-only view."""
    if method == "GET" and name in POST_ONLY and response.status_code == 405:
        return True
    if who == "anonymous" and response.status_code == 302:
        return response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    return response.status_code in (403, 404)


def learning_cases():
    for name, (rule, _kwargs, data) in LEARNING_RULES.items():
        for who in OUTSIDERS[rule]:
            yield pytest.param(name, who, "GET", id=f"{name}-{who}-GET")
            if data is not None:
                yield pytest.param(name, who, "POST", id=f"{name}-{who}-POST")


@pytest.mark.parametrize(("name", "who", "method"), list(learning_cases()))
def test_outsiders_are_refused(world, name, who, method, django_capture_on_commit_callbacks):
    rule, kwargs, data = LEARNING_RULES[name]
    url = reverse(f"learning:{name}", kwargs=kwargs(world))
    client = client_for(user_of(world, who))
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data) if method == "POST" else client.get(url)
    if rule == PUBLIC:
        assert response.status_code == 200
        content = response.content.decode()
        assert world.draft.title not in content and world.intervision.title not in content
    elif who == "anonymous" and rule in (STAFF, EDITOR) and name not in POST_ONLY:
        assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    else:
        assert is_refused(response, who, name=name, method=method), (url, response.status_code)
    assert snapshot() == before


def admin_refusals():
    for name, model, view in admin_cases():
        outsiders = ["anonymous", "bram", "sofie"]
        if model in ADMIN_EDITOR_ONLY_MODELS or view in ADMIN_EDITOR_ONLY_VIEWS:
            outsiders.append("femke")
        for who in outsiders:
            yield pytest.param(name, model, "GET", who, id=f"{name}-{who}-GET")
            if view in ADMIN_POST_VIEWS:
                yield pytest.param(name, model, "POST", who, id=f"{name}-{who}-POST")


@pytest.mark.parametrize(("name", "model", "method", "who"), list(admin_refusals()))
def test_back_office_refuses_outsiders(world, name, model, method, who, django_capture_on_commit_callbacks):
    instance = ADMIN_OBJECTS[model](world)
    url = reverse(name, args=[instance.pk])
    client = client_for(user_of(world, who))
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = (
            client.post(url, {"title": "Overgenomen", "name": "Overgenomen"}) if method == "POST" else client.get(url)
        )
    if response.status_code == 302:
        # Wagtail sends someone without access to its log-in page or, with a message, to the dashboard.
        assert not response["Location"].startswith(url)
        assert instance.title if hasattr(instance, "title") else True
    else:
        assert response.status_code in (403, 404), (url, response.status_code)
    assert snapshot() == before


def test_the_facilitator_prepares_but_does_not_publish(world):
    femke = client_for(world.cast.femke)
    assert femke.get(reverse("learning:session_manage", args=[world.draft.pk])).status_code == 200
    response = femke.post(reverse("learning:session_publish", args=[world.draft.pk]))
    assert response.status_code in (403, 404)
    world.draft.refresh_from_db()
    assert world.draft.status == SessionStatus.CONCEPT


def test_the_right_links_do_work(world):
    """The forged tokens above are refused because they are forged: the real ones open the pages."""
    anonymous = client_for(None)
    url = reverse("learning:registration", args=[world.registration.pk, world.secret])
    assert anonymous.get(url).status_code == 200
    url = reverse("learning:unsubscribe", args=[world.subscriber.pk, tokens.unsubscribe_token(world.subscriber)])
    assert anonymous.get(url).status_code == 200
    url = reverse("learning:digest_off", args=[world.preference.pk, digest.off_token(world.preference)])
    assert anonymous.get(url).status_code == 200
    ellen = client_for(world.cast.ellen)
    assert ellen.get(reverse("learning:session_manage", args=[world.draft.pk])).status_code == 200
