"""The named operation that puts the demo region into the database: :func:`load_demo_data`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from kernkompas.accounts.models import Membership, User
from kernkompas.core import audit, parts
from kernkompas.lib.geo import describe_geometry
from kernkompas.places.models import Country, Gebied, Gemeente, Kern, PopulationFigure, Regio
from kernkompas.site.demo import data
from kernkompas.vitrine.actions.editorial import join_editorial_group


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str  # the role's UI name: gemeente, begeleider, redactie, beheerder or lid
    gemeente: str  # the municipality the role applies to, or "" for platform-wide roles
    description: str


@dataclass
class DemoSummary:
    """What a run did, per model label, and the log-ins to print."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    logins: list[DemoLogin] = field(default_factory=list)
    password: str = data.DEMO_PASSWORD

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def count(self, instance: models.Model, status: str) -> None:
        if status == "created":
            self.created[instance._meta.label] += 1
        elif status == "updated":
            self.updated[instance._meta.label] += 1


def load_demo_data(by=None, *, with_parts: bool = True) -> DemoSummary:
    """Create the demo region, or bring it back to its initial state; a second run changes nothing.

    Rows are found by their code, slug or user name. Only the fields the demo defines are reset; rows a user
    added (another area, a new member) are left alone. One audit event records what was created or changed.
    Then each part loads its own demo data (:func:`kernkompas.core.parts.demo_loaders`: the Vitrine's cases, the
    Kernmonitor's registers and counts …). ``with_parts=False`` loads only the places and people, for tests about
    places and accounts.
    """
    region = data.demo_region()  # read first: a broken file stops the run before anything is written
    summary = DemoSummary()
    with transaction.atomic():
        gemeenten = {item.code: _load_gemeente(item, region, summary) for item in region.gemeenten}
        regio = _load_regio(region, gemeenten, summary)
        for person in region.users:
            summary.logins.append(_load_user(person, gemeenten, summary))
        if with_parts:
            # Each part's demo data, linked to the demo municipalities above; their counts join this summary.
            for _part, load in parts.demo_loaders():
                loaded = load(by)
                summary.created.update(loaded.created)
                summary.updated.update(getattr(loaded, "updated", {}))
        if summary.changed:
            audit.record(
                by,
                "demo.loaded",
                regio,
                changes={"created": dict(summary.created), "updated": dict(summary.updated)},
            )
    return summary


# --- Places ----------------------------------------------------------------------------------------------------
def _load_gemeente(item: data.DemoGemeente, region: data.DemoRegion, summary: DemoSummary) -> Gemeente:
    draft = Gemeente(code=item.code, name_nl=item.name, population=item.current_population)
    draft.refresh_derived()
    values = {
        "country": Country.objects.get(code="BE"),
        "province": None,
        "name_nl": item.name,
        "name_fr": "",
        "slug": item.slug,
        "search_text": draft.search_text,
        "population": item.current_population,
        "population_year": region.population_year,
        "size_class": draft.size_class,
        "area_km2": round(describe_geometry(item.geometry).area_km2, 2),
        "valid_until": None,
        "merged_into": None,
        "is_demo": True,
        "source": region.source,
        **_geo_values(Gemeente, item.geometry),
    }
    gemeente, _ = _upsert(Gemeente, {"code": item.code}, values, summary)
    for year, population in item.population.items():
        values = {"population": population, "source": region.source, "derived": False}
        _upsert(PopulationFigure, {"gemeente": gemeente, "year": year}, values, summary)
    for kern_item in item.kernen:
        _load_kern(kern_item, gemeente, region, summary)
    return gemeente


def _load_kern(item: data.DemoKern, gemeente: Gemeente, region: data.DemoRegion, summary: DemoSummary) -> Kern:
    draft = Kern(code=item.code, name=item.name)
    draft.refresh_derived()
    values = {
        "gemeente": gemeente,
        "name": item.name,
        "slug": item.slug,
        "kind": item.kind,
        "search_text": draft.search_text,
        "population": item.population,
        "description": item.description,
        "is_demo": True,
        "source": region.source,
        **_geo_values(Kern, item.geometry),
    }
    kern, _ = _upsert(Kern, {"code": item.code}, values, summary)
    for gebied in item.gebieden:
        values = {
            "name": gebied.name,
            "kind": gebied.kind,
            "description": gebied.description,
            "is_public": gebied.is_public,
            "is_demo": True,
            **_geo_values(Gebied, gebied.geometry),
        }
        _upsert(Gebied, {"kern": kern, "slug": gebied.slug}, values, summary)
    return kern


def _load_regio(region: data.DemoRegion, gemeenten: dict[str, Gemeente], summary: DemoSummary) -> Regio:
    values = {"name": region.name, "description": region.description, "is_demo": True}
    regio, _ = _upsert(Regio, {"slug": region.slug}, values, summary)
    hoofdkernen = Kern.objects.filter(gemeente__in=gemeenten.values(), kind="hoofdkern")
    _add_members(regio.gemeenten, {g.pk for g in gemeenten.values()}, "places.Regio.gemeenten", summary)
    _add_members(regio.kernen, set(hoofdkernen.values_list("pk", flat=True)), "places.Regio.kernen", summary)
    return regio


def _add_members(relation, wanted: set[int], label: str, summary: DemoSummary) -> None:
    """Make the region contain the demo members; members someone added by hand stay."""
    missing = wanted - set(relation.values_list("pk", flat=True))
    if missing:
        relation.add(*missing)
        summary.created[label] += len(missing)


def _geo_values(model: type[models.Model], geometry: dict) -> dict[str, Any]:
    """The geometry with the columns derived from it, exactly as the model's own set_geometry() computes them."""
    draft = model()
    draft.set_geometry(geometry)
    return {"geometry": draft.geometry, "bbox": draft.bbox, "point_lat": draft.point_lat, "point_lon": draft.point_lon}


# --- People ----------------------------------------------------------------------------------------------------
def _load_user(person: data.DemoUser, gemeenten: dict[str, Gemeente], summary: DemoSummary) -> DemoLogin:
    values = {
        "email": data.email_for(person.username),
        "first_name": person.first_name,
        "last_name": person.last_name,
        "is_active": True,
        "is_staff": person.is_superuser,
        "is_superuser": person.is_superuser,
        "member_type": person.member_type,
        "organisation_name": person.organisation_name,
        "interests": list(person.interests),
        "home_gemeente": gemeenten.get(person.home_gemeente_code),
    }
    user, status = _upsert(User, {"username": person.username}, values, summary)
    # check_password first: setting the same password again would still change the stored hash (new salt).
    if not user.check_password(data.DEMO_PASSWORD):
        user.set_password(data.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        if status == "unchanged":
            summary.count(user, "updated")
    gemeente = gemeenten.get(person.gemeente_code)
    if person.role:
        _, created = Membership.objects.get_or_create(user=user, role=person.role, gemeente=gemeente)
        if created:
            summary.created[Membership._meta.label] += 1
        if person.role == "redactie":
            # Wagtail's page rights are group-based: the demo editor needs the "Redactie" group for the Vitrine.
            join_editorial_group(user)
    return DemoLogin(person.username, person.role or "lid", gemeente.name_nl if gemeente else "", person.description)


# --- Generic ---------------------------------------------------------------------------------------------------
def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], summary: DemoSummary):
    """update_or_create that saves only when a value differs, so a second run leaves timestamps alone.

    Returns the instance and what happened to it: "created", "updated" or "unchanged".
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        if isinstance(instance, User):
            instance.set_unusable_password()  # replaced by the demo password right after
        instance.save()
        summary.count(instance, "created")
        return instance, "created"
    changed = [name for name, value in values.items() if _stored(instance, name) != _comparable(value)]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        summary.count(instance, "updated")
        return instance, "updated"
    return instance, "unchanged"


def _stored(instance: models.Model, name: str) -> Any:
    return getattr(instance, instance._meta.get_field(name).attname)


def _comparable(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value
