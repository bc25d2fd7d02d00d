"""The back office keeps every object from the people who may not see it.

For every model the back office shows (every registered snippet, Wagtail's own screens and our own admin views)
the matrix makes one object that belongs to Maasdijk, finds every URL under /beheer/ that takes an object id
(from the URL resolver, not from a list kept by hand), and requests each one as every role of the cast:

- a role that may not read the object never gets its identifying text in a 200 answer, and nothing answers 500;
- every role that may read it sees it on at least one of those URLs (else the matrix would be looking at nothing);
- list, chooser, search and report pages (every URL without an id) show no role an object it may not read.

A new model is covered by adding one row to ``SCOPES``, and the matrix fails until it has one: the row says who
may read the object ("scoped by gemeente path X", "editorial: redactie only", ...) and, if the generic builder
cannot make one, how to make it. A new admin URL that takes an id but belongs to no viewset needs a line in
``URL_MODELS``. The matrix only reads (GET); it never posts.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.viewsets import viewsets as viewset_registry
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from kernkompas.accounts.backends import ROLE_PERMISSIONS
from kernkompas.accounts.models import Role
from kernkompas.testing import make_cast, make_user

BACK_OFFICE_PREFIX = "beheer/"
ROLES = ("bezoeker", "lid", "gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder")
EVERYONE_IN_THE_BACK_OFFICE = frozenset({"gemeente", "gemeente_andere", "begeleider", "redactie", "beheerder"})
CHOOSER_VIEWS = {"choose", "choose_results", "chosen", "chosen_multiple"}
# Who runs Stedelijk leren's programmes: the municipality's staff and facilitators, and the editors (access.py).
LEARNING_RUNNERS = frozenset({"gemeente", "begeleider", "redactie", "beheerder"})


# --- Who may read what: one row per model the back office shows ---------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Who may see a Maasdijk object of one model in the back office, and how to make one."""

    description: str
    readers: frozenset[str] | None = None  # None: computed from the role table (scoped models)
    gemeente_path: str | None = None
    public_in_choosers: bool = False  # choosers list every object (public reference data)
    public_names: bool = False  # names are public on the site: pages about other things may mention them
    make: Callable | None = None  # (world) -> (object, markers); default: the generic builder

    def readers_of(self, model) -> frozenset[str]:
        if self.readers is not None:
            return self.readers
        # Scoped: Maasdijk's staff and its facilitator, where the role table lets them read the model at all.
        view = f"{model._meta.app_label}.view_{model._meta.model_name}"
        found = {"beheerder"}
        if view in ROLE_PERMISSIONS[Role.GEMEENTE]:
            found.add("gemeente")
        if view in ROLE_PERMISSIONS[Role.BEGELEIDER]:
            found.add("begeleider")
        return frozenset(found)

    def chooser_readers_of(self, model) -> frozenset[str]:
        return EVERYONE_IN_THE_BACK_OFFICE if self.public_in_choosers else self.readers_of(model)


def scoped(gemeente_path: str, **options) -> Scope:
    return Scope(f"scoped by gemeente path {gemeente_path!r}", gemeente_path=gemeente_path, **options)


def editorial(**options) -> Scope:
    return Scope("editorial: redactie only", readers=frozenset({"redactie", "beheerder"}), **options)


def administrators(reason: str, **options) -> Scope:
    return Scope(f"administrators only: {reason}", readers=frozenset({"beheerder"}), **options)


def everyone_in_the_back_office(reason: str, **options) -> Scope:
    return Scope(f"every back-office user: {reason}", readers=EVERYONE_IN_THE_BACK_OFFICE, **options)


# --- Factories for what the generic builder cannot make -------------------------------------------------------


def _maasdijk(world):
    return world.cast.maasdijk, ["Maasdijk"]


def _netherlands(world):
    from kernkompas.places.models import Country

    return Country.objects.get(code="NL"), ["Nederland"]


def _counter_key(world):
    from kernkompas.monitor.actions.counter_keys import create_counter_token

    token, _key = create_counter_token(world.cast.maasdijk, "Matrix tellersleutel", by=world.cast.anton)
    return token, [token.name, token.prefix]


def _draft_case(world):
    from kernkompas.vitrine.actions.editorial import ensure_vitrine_index
    from kernkompas.vitrine.models import CasePage

    page = CasePage(
        title="Matrix casus in concept",
        slug="matrix-casus",
        summary="Matrix samenvatting",
        place_name="Maasdijk",
        size_class="25k-50k",
        core_type="stadskern",
        concept="<p>Matrix concept</p>",
        approach="<p>Matrix aanpak</p>",
        live=False,
    )
    ensure_vitrine_index().add_child(instance=page)
    page.save_revision(user=world.cast.anton)
    return page, [page.title]


def _image(world):
    from PIL import Image
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Matrix afbeelding", alt_text="Matrix beschrijving", file=ImageFile(buffer, name="matrix.png")
    )
    return image, [image.title]


def _document(world):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Matrix document", file=ContentFile(b"matrix", name="matrix.txt")
    )
    return document, [document.title]


def _person(world):
    user = make_user("matrixpersoon", "Matrixpersoon")
    return user, [user.email, user.username]


def _membership(world):
    user = make_user("matrixmedewerker", "Matrixmedewerker", Role.GEMEENTE, world.cast.maasdijk)
    return user.memberships.get(), [user.email]


def _group(world):
    from django.contrib.auth.models import Group

    return Group.objects.create(name="Matrixgroep"), ["Matrixgroep"]


def _site(world):
    from wagtail.models import Page, Site

    site = Site.objects.create(
        hostname="matrix.example.org", site_name="Matrixsite", root_page=Page.objects.get(depth=2)
    )
    return site, ["matrix.example.org", "Matrixsite"]


def _collection(world):
    from wagtail.models import Collection

    return Collection.get_first_root_node().add_child(name="Matrixcollectie"), ["Matrixcollectie"]


def _workflow(world):
    from wagtail.models import Workflow

    return Workflow.objects.create(name="Matrixworkflow"), ["Matrixworkflow"]


def _task(world):
    from wagtail.models import GroupApprovalTask

    return GroupApprovalTask.objects.create(name="Matrixtaak"), ["Matrixtaak"]


def _redirect(world):
    from wagtail.contrib.redirects.models import Redirect

    redirect = Redirect.objects.create(old_path="/matrix-oud-adres", redirect_link="https://example.org/matrix")
    return redirect, ["/matrix-oud-adres"]


IMAGE_MODEL = "core.siteimage"

SCOPES: dict[str, Scope] = {
    # Places: the spine. Names of municipalities and cores are public (public place pages), so choosers list
    # them all; their screens are scoped. An area is public only once published (the matrix's one is not).
    "places.gemeente": scoped("", public_in_choosers=True, public_names=True, make=_maasdijk),
    "places.kern": scoped("gemeente", public_in_choosers=True, public_names=True),
    "places.gebied": scoped("kern__gemeente"),
    "places.regio": administrators("regions are put together by the platform"),
    "places.province": administrators("reference data from Statbel and CBS, read-only", public_names=True),
    "places.country": administrators("reference data, read-only", public_names=True, make=_netherlands),
    # Kernmonitor.
    "monitor.functiongroup": scoped("gemeente"),
    "monitor.branch": scoped("gemeente"),
    "monitor.branchalias": scoped("gemeente"),
    "monitor.countingpoint": scoped("gebied__kern__gemeente"),
    "monitor.threshold": scoped("gebied__kern__gemeente"),
    "monitor.ownercontact": scoped("unit__gebied__kern__gemeente"),
    "monitor.countertoken": scoped("gemeente", make=_counter_key),
    # Binnenstadslab.
    "labs.canvastemplate": scoped("gemeente"),
    "labs.steeringrole": scoped("gemeente"),
    # Stedelijk leren: the themes are editorial and public; programmes, sessions and materials are run by the
    # municipality that owns the programme and by the editors.
    "learning.themeframework": editorial(public_names=True),
    "learning.learningtheme": editorial(public_names=True),
    "learning.programme": Scope("runs it", readers=LEARNING_RUNNERS, gemeente_path="gemeente"),
    "learning.session": Scope("runs its programme", readers=LEARNING_RUNNERS, gemeente_path="programme__gemeente"),
    "learning.material": Scope(
        "runs its programme", readers=LEARNING_RUNNERS, gemeente_path="session__programme__gemeente"
    ),
    # Vitrine: the vocabularies (themes and audiences are shown on the public Vitrine) and the pages.
    "vitrine.theme": editorial(public_names=True),
    "vitrine.audience": editorial(public_names=True),
    "vitrine.synonym": editorial(),
    "wagtailcore.page": editorial(make=_draft_case),
    IMAGE_MODEL: editorial(make=_image),
    "wagtaildocs.document": editorial(make=_document),
    "wagtailcore.collection": editorial(make=_collection),
    "wagtailcore.workflow": editorial(make=_workflow),
    "wagtailcore.task": everyone_in_the_back_office(
        "Wagtail's task chooser names any task to every back-office user; task names are not secret",
        make=_task,
    ),
    # People and the platform.
    "accounts.membership": scoped("gemeente", make=_membership),
    "accounts.user": administrators("accounts are managed by administrators", make=_person),
    # Groups carry Wagtail's page rights; editors see their names when they make a page private to some.
    "auth.group": editorial(make=_group),
    "wagtailcore.site": administrators(
        "sites; their names are in the editors' report filters", public_names=True, make=_site
    ),
    "wagtailredirects.redirect": administrators("redirects", make=_redirect),
}

# URLs with an id that belong to no viewset: which model the id is of (by full URL name, else by namespace).
URL_MODELS = {
    "wagtailadmin_api:pages": "wagtailcore.page",
    "wagtailadmin_api:documents": "wagtaildocs.document",
    "wagtailadmin_api:images": IMAGE_MODEL,
    "wagtailadmin_explore": "wagtailcore.page",
    "wagtailadmin_explore_results": "wagtailcore.page",
    "wagtailadmin_pages": "wagtailcore.page",
    "wagtailadmin_choose_page_child": "wagtailcore.page",
    "wagtailforms": "wagtailcore.page",
    "wagtailadmin_collections": "wagtailcore.collection",
    "wagtailadmin_workflows": "wagtailcore.workflow",
    "wagtailadmin_workflows:remove": "wagtailcore.page",
    "wagtailadmin_workflows:edit_task": "wagtailcore.task",
    "wagtailadmin_workflows:disable_task": "wagtailcore.task",
    "wagtailadmin_workflows:enable_task": "wagtailcore.task",
    "wagtailadmin_workflows:task_chosen": "wagtailcore.task",
    "wagtailimages": IMAGE_MODEL,
    "wagtaildocs": "wagtaildocs.document",
    "wagtailredirects": "wagtailredirects.redirect",
    "kk_members:revoke": "accounts.membership",
    "kk_members:gemeente": "places.gemeente",
}

# URLs with an id that the matrix does not request, and why.
NOT_REQUESTED = {
    "wagtailadmin_password_reset_confirm": "a signed token, not an object id (and the form is our own log-in's)",
    "wagtailadmin_editing_sessions:release": "deletes only the caller's own session (user=request.user)",
    "wagtailimages:create_multiple_from_uploaded_image": "Wagtail refuses an upload of another user",
    "wagtailimages:delete_upload_multiple": "Wagtail refuses an upload of another user",
    "wagtaildocs:create_multiple_from_uploaded_document": "Wagtail refuses an upload of another user",
    "wagtaildocs:delete_upload_multiple": "Wagtail refuses an upload of another user",
    # POST only (a GET answers 405 and shows nothing); every role is tried in accounts/tests/test_invitations.py.
    "kk_members:invitation_resend": "POST only; refuses anyone who may not give the invitation's role there",
    "kk_members:invitation_revoke": "POST only; refuses anyone who may not give the invitation's role there",
}

# URLs without an id that take ids in the query string.
QUERY_IDS = {"chosen_multiple": ["?id={pk}"], "wagtail_bulk_action": ["?id={pk}", "?id=all"]}

# Pages without an id that the matrix does not request: they log out, fail on purpose or are not pages.
NOT_LIST_PAGES = {
    "wagtailadmin_logout",
    "wagtailadmin_error_test",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_complete",
}

ID_PARAMETER = re.compile(r"^(pk|id|object_id|.+_id|.+_pk)$")
APP_PARAMETERS = {"app_label", "app_name", "content_type_app_name"}
MODEL_PARAMETERS = {"model_name", "content_type_model_name"}
FIXED_PARAMETERS = {
    "action": "delete",
    "action_name": "approve",
    "filter_spec": "original",
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
}


# --- Discovering the back office --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminURL:
    route: str
    name: str | None  # "namespace:name"
    namespace: str
    parameters: tuple[str, ...]

    @property
    def url_name(self) -> str:
        return (self.name or "").rsplit(":", 1)[-1]

    @property
    def takes_an_id(self) -> bool:
        return any(ID_PARAMETER.match(p) for p in self.parameters) or "slug" in self.parameters

    @property
    def takes_a_model(self) -> bool:
        return bool(APP_PARAMETERS & set(self.parameters)) and bool(MODEL_PARAMETERS & set(self.parameters))

    @property
    def lists_objects(self) -> bool:
        """A listing, chooser or search page, which the matrix also searches for "Matrix"."""
        return self.url_name.endswith(("results", "search", "index", "list", "choose", "listing")) or (
            self.url_name in {"wagtailadmin_explore_root", "wagtailadmin_choose_page"}
        )

    @property
    def is_chooser(self) -> bool:
        return self.url_name in CHOOSER_VIEWS or self.name == "wagtailadmin_workflows:task_chosen"


def _parameters(pattern) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.pattern.regex.groupindex)


def _walk(patterns, route="", namespace="", parameters=()):
    for pattern in patterns:
        here = route + str(pattern.pattern)
        found = parameters + _parameters(pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else namespace
            inner = inner or pattern.namespace or ""
            yield from _walk(pattern.url_patterns, here, inner, found)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield AdminURL(here, name, namespace, found)


@functools.cache
def back_office_urls() -> tuple[AdminURL, ...]:
    """Every URL under /beheer/, once per name: a guard in kernkompas/urls.py that answers at Wagtail's own
    address under Wagtail's own name comes first and stands for both."""
    found = {}
    for url in _walk(get_resolver().url_patterns):
        if url.route.startswith(BACK_OFFICE_PREFIX):
            found.setdefault((url.name, url.parameters) if url.name else url.route, url)
    return tuple(found.values())


def viewset_models() -> dict[str, type[models.Model]]:
    """URL namespace -> model of every registered viewset that is about a model (snippets, users, choosers...)."""
    back_office_urls()  # viewsets register themselves while the back office's URLs load
    found = {}
    for viewset in viewset_registry.viewsets:
        model = getattr(viewset, "model", None)
        name = viewset.__dict__.get("name") or getattr(type(viewset), "name", None)
        if model is None or not name:
            continue
        if isinstance(model, str):
            model = apps.get_model(model)
        found[viewset.url_namespace] = model
    return found


def label(model) -> str:
    return model._meta.label_lower


def model_of(url: AdminURL, by_namespace) -> str | None:
    """The model label a URL's id belongs to; "*" for URLs that name the model in their path; None if unknown."""
    for key in (url.name, url.namespace):
        if key in by_namespace:
            return label(by_namespace[key])
        if key in URL_MODELS:
            return URL_MODELS[key]
    if url.takes_a_model:
        return "*"
    return None


def exposed_models() -> set[str]:
    """Every model the back office shows: registered snippets, viewsets' models, and models of id URLs."""
    by_namespace = viewset_models()
    found = {label(m) for m in get_snippet_models()} | {label(m) for m in by_namespace.values()}
    for url in back_office_urls():
        owner = model_of(url, by_namespace)
        if url.takes_an_id and owner not in (None, "*"):
            found.add(owner)
    return found


# --- The world: one Maasdijk object per model, built once for the module ------------------------------------


class CannotBuild(Exception):
    pass


@dataclass
class World:
    cast: object
    objects: dict[str, models.Model] = field(default_factory=dict)
    markers: dict[str, list[str]] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def anchors(self):
        return {
            label(type(self.cast.maasdijk)): self.cast.maasdijk,
            label(type(self.cast.centrum)): self.cast.centrum,
            label(type(self.cast.markt)): self.cast.markt,
        }

    def object_for(self, model_label: str, path: str | None = None):
        """The matrix's object of this model, made on first use (along ``path`` to Maasdijk if given)."""
        if model_label in self.objects:
            return self.objects[model_label]
        scope = SCOPES.get(model_label)
        if scope is not None and scope.make is not None:
            obj, markers = scope.make(self)
        else:
            obj, markers = build(apps.get_model(model_label), self, path if scope is None else scope.gemeente_path)
        self.objects[model_label] = obj
        self.markers[model_label] = [m for m in dict.fromkeys([*markers, str(obj)]) if len(m) >= 8]
        return obj


def build(model, world: World, path: str | None):
    """An object of ``model`` with every field filled in, linked to Maasdijk along ``path``: text fields get
    "Matrix <model> <field>" (these texts identify the object on a page), foreign keys follow the path to
    Maasdijk's core and area or to the matrix's object of the other model."""
    head, _, rest = (path or "").partition("__")
    values, markers = {}, []
    for f in model._meta.concrete_fields:
        if f.primary_key or not f.editable or getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            continue
        if isinstance(f, models.ForeignKey):
            if f.null and f.name != head:
                continue
            target = label(f.related_model)
            values[f.name] = world.anchors.get(target) or world.object_for(target, rest if f.name == head else None)
        elif f.choices:
            values[f.name] = f.get_default() or f.choices[0][0]
        elif isinstance(f, models.EmailField):
            values[f.name] = f"matrix.{model._meta.model_name}.{f.name}@example.org"[: f.max_length]
            markers.append(values[f.name])
        elif isinstance(f, models.URLField):
            values[f.name] = f"https://example.org/matrix/{model._meta.model_name}/{f.name}"
        elif isinstance(f, models.SlugField):
            values[f.name] = slugify(f"matrix {model._meta.model_name} {f.name}")[: f.max_length]
        elif isinstance(f, models.CharField | models.TextField):
            values[f.name] = f"Matrix {model._meta.model_name} {f.name}"[: f.max_length]
            markers.append(values[f.name])
        elif f.has_default() or f.null:
            continue
        elif isinstance(f, models.BooleanField):
            values[f.name] = False
        elif isinstance(f, models.IntegerField):
            values[f.name] = 1
        elif isinstance(f, models.FloatField | models.DecimalField):
            values[f.name] = 73.91  # distinctive: a threshold's value is part of its name
        elif isinstance(f, models.DateTimeField):
            values[f.name] = timezone.now()
        elif isinstance(f, models.DateField):
            values[f.name] = timezone.localdate()
        else:
            raise CannotBuild(f"field {f.name!r} ({type(f).__name__})")
    return model._default_manager.create(**values), markers


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The cast and one Maasdijk object per model in SCOPES, made once for the module and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        from kernkompas.vitrine.actions.editorial import join_editorial_group

        built = World(cast=make_cast())
        # As granting the roles through accounts.actions.memberships does: editors join Wagtail's "Redactie" group,
        # administrators become superusers.
        join_editorial_group(built.cast.eva)
        built.cast.anton.is_superuser = True
        built.cast.anton.save(update_fields=["is_superuser"])
        for model_label in SCOPES:
            try:
                built.object_for(model_label)
            except Exception as error:  # reported per model by the tests below
                built.problems[model_label] = f"{type(error).__name__}: {error}"
        yield built
        transaction.set_rollback(True)


# --- Requests ---------------------------------------------------------------------------------------------------


def fill(parameter: str, model, obj):
    if parameter in APP_PARAMETERS:
        return model._meta.app_label
    if parameter in MODEL_PARAMETERS:
        return model._meta.model_name
    if parameter in FIXED_PARAMETERS:
        return FIXED_PARAMETERS[parameter]
    if parameter == "slug":
        return obj.slug
    if parameter == "revision_id":
        return getattr(obj, "latest_revision_id", None) or obj.pk
    if ID_PARAMETER.match(parameter):
        return obj.pk
    raise KeyError(parameter)


def fillable(parameter: str) -> bool:
    known = APP_PARAMETERS | MODEL_PARAMETERS | set(FIXED_PARAMETERS) | {"slug"}
    return parameter in known or bool(ID_PARAMETER.match(parameter))


def addresses(url: AdminURL, model, obj) -> list[str]:
    path = reverse(url.name, kwargs={p: fill(p, model, obj) for p in url.parameters})
    queries = QUERY_IDS.get(url.url_name) or QUERY_IDS.get(url.name) or [""]
    return [path + query.format(pk=obj.pk) for query in queries]


def clients(cast) -> dict[str, Client]:
    found = {}
    for role, user in cast.by_role().items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        found[role] = client
    return found


def hidden_from(role: str, world: World, page_model: str | None = None, chooser: bool = False) -> list[str]:
    """The texts of the matrix's objects that ``role`` may not read, on a page (about ``page_model``, if any).
    Names that are public on the site do not count on pages about other things."""
    found = []
    for other, scope in SCOPES.items():
        if other not in world.objects:
            continue
        model = apps.get_model(other)
        readers = scope.chooser_readers_of(model) if other == page_model and chooser else scope.readers_of(model)
        if role in readers or (scope.public_names and other != page_model):
            continue
        found.extend(world.markers[other])
    return found


def seen(response, markers) -> list[str]:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return []
    body = response.content.decode(errors="ignore")
    return [marker for marker in markers if marker in body]


def object_urls_of(model_label: str) -> list[AdminURL]:
    by_namespace = viewset_models()
    found = []
    for url in back_office_urls():
        if url.name in NOT_REQUESTED or not url.name:
            continue
        owner = model_of(url, by_namespace)
        takes_ids = url.takes_an_id or url.url_name in QUERY_IDS or url.name in QUERY_IDS
        if takes_ids and owner in (model_label, "*"):
            found.append(url)
    return found


# --- The tests --------------------------------------------------------------------------------------------------


def test_every_model_the_back_office_shows_has_a_declared_scope():
    missing = sorted(exposed_models() - set(SCOPES))
    assert not missing, (
        f"These models are shown in the back office but have no row in SCOPES of {__file__}: {missing}. "
        "Add one that says who may read them (scoped(<gemeente path>), editorial(), administrators(<why>)), "
        "and give the model's viewset the scoped base (kernkompas.accounts.viewsets.ScopedSnippetViewSet)."
    )


def test_every_back_office_url_with_an_id_belongs_to_a_known_model():
    by_namespace = viewset_models()
    unknown = []
    for url in back_office_urls():
        if not url.takes_an_id or url.name in NOT_REQUESTED:
            continue
        if url.name is None:
            unknown.append(f"{url.route} has no name")
        elif model_of(url, by_namespace) is None:
            unknown.append(f"{url.route} ({url.name})")
        else:
            unknown.extend(f"{url.route} ({url.name}): cannot fill {p!r}" for p in url.parameters if not fillable(p))
    assert not unknown, (
        "These back-office URLs take an id, but the scope matrix does not know which model it is of; add them "
        f"to URL_MODELS (or, with a reason, NOT_REQUESTED) in {__file__}:\n" + "\n".join(unknown)
    )


def test_every_snippet_has_the_scoped_base():
    from kernkompas.accounts.viewsets import ScopedSnippetViewSet

    plain = [label(m) for m in get_snippet_models() if not isinstance(m.snippet_viewset, ScopedSnippetViewSet)]
    assert not plain, (
        f"These snippets' viewsets do not subclass kernkompas.accounts.viewsets.ScopedSnippetViewSet, so their "
        f"choosers and history/usage screens ignore the municipality scope: {plain}"
    )


def test_every_scoped_row_agrees_with_the_models_permission_policy():
    with_screens = {label(m) for m in get_snippet_models()} | {label(m) for m in viewset_models().values()}
    wrong = []
    for model_label, scope in SCOPES.items():
        if model_label not in with_screens:
            continue  # e.g. memberships: their screens ask accounts.permissions directly
        policy = policy_registry.get_by_type(apps.get_model(model_label))
        declared, actual = scope.gemeente_path, getattr(policy, "gemeente_path", None)
        if declared is not None and declared != actual:
            wrong.append(f"{model_label}: matrix says {declared!r}, its policy {type(policy).__name__} {actual!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("model_label", sorted(SCOPES))
def test_no_role_sees_a_maasdijk_object_it_may_not_read(world, model_label):
    assert model_label not in world.problems, (
        f"The matrix could not make a {model_label} ({world.problems[model_label]}). Give its row in SCOPES a "
        "factory: make=<function (world) -> (object, [texts that identify it on a page])>."
    )
    scope, model = SCOPES[model_label], apps.get_model(model_label)
    obj, markers = world.objects[model_label], world.markers[model_label]
    assert markers, f"{model_label}: the object has no text that identifies it; its factory must return some"
    urls = object_urls_of(model_label)
    assert urls, f"{model_label}: no back-office URL takes its id (is its viewset registered?)"

    leaks, seen_by = [], set()
    for role, client in clients(world.cast).items():
        for url in urls:
            hidden = hidden_from(role, world, model_label, url.is_chooser)  # this object too, if not theirs
            for address in addresses(url, model, obj):
                response = client.get(address)
                if response.status_code >= 500:
                    leaks.append(f"{role}: {address} answers {response.status_code}")
                if found := seen(response, hidden):
                    leaks.append(f"{role}: {address} shows {found}")
                elif seen(response, markers):
                    seen_by.add(role)
    assert not leaks, f"{model_label} ({scope.description}):\n" + "\n".join(leaks)
    # Administrators, and for a scoped model the municipality's own people, must see it: else the matrix is blind.
    must_see = {"beheerder"} | (scope.readers_of(model) if scope.gemeente_path is not None else set())
    blind = must_see - seen_by
    assert not blind, f"{model_label}: no URL showed it to {sorted(blind)}, who may read it; is the matrix blind?"


def list_pages() -> list[tuple[AdminURL, str | None]]:
    """Every back-office page without an id: (url, model label it is about, or None)."""
    by_namespace = viewset_models()
    found = []
    for url in back_office_urls():
        if not url.name or url.name in NOT_LIST_PAGES or url.takes_an_id or url.url_name in QUERY_IDS:
            continue
        if url.takes_a_model:
            found.extend((url, model_label) for model_label in SCOPES)
        elif not url.parameters:
            found.append((url, model_of(url, by_namespace)))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_list_chooser_and_report_pages_show_a_role_nothing_it_may_not_read(world, role):
    client = clients(world.cast)[role]
    leaks = []
    for url, model_label in list_pages():
        if model_label is not None and model_label not in world.objects:
            continue
        hidden = hidden_from(role, world, model_label, url.is_chooser)
        model = apps.get_model(model_label) if model_label else None
        path = reverse(url.name, kwargs={p: fill(p, model, None) for p in url.parameters})
        if not hidden:
            continue
        for address in (path, path + "?q=Matrix") if url.lists_objects else (path,):
            response = client.get(address)
            if response.status_code >= 500:
                leaks.append(f"{address} answers {response.status_code}")
            found = seen(response, hidden)
            if found:
                leaks.append(f"{address} shows {found}")
    assert not leaks, f"{role}:\n" + "\n".join(leaks)


def test_the_matrix_walks_every_role_of_the_cast():
    from kernkompas.testing import Cast

    assert set(ROLES) == set(Cast(*[None] * 10).by_role())
