"""Puts the demo cases into the Vitrine: :func:`load_demo_cases`, called by ``kernkompas demo``.

Idempotent: cases are found by slug under the Vitrine index, images by title. A field is written, and a new
revision published, only when the demo text differs from what is live; a second run creates and changes nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from kernkompas.core.models import SiteImage
from kernkompas.lib.logs import quieter
from kernkompas.places.models import Gemeente
from kernkompas.vitrine.actions.editorial import ensure_vitrine_index
from kernkompas.vitrine.demo.content import DemoCase, demo_cases
from kernkompas.vitrine.demo.images import HEIGHT, WIDTH, Scene, draw_scene
from kernkompas.vitrine.models import Audience, CaseGalleryImage, CasePage, Theme

# Plain fields copied from the demo text as they are (the rest needs a lookup or a conversion).
PLAIN_FIELDS = (
    "title",
    "place_name",
    "country",
    "size_class",
    "core_type",
    "year_started",
    "concept",
    "approach",
    "results",
    "learnings",
    "tips",
    "cost_class",
    "cost_note",
    "duration",
    "contact",
    "video_url",
)
PUBLISHED_WITHIN_DAYS = 720  # first publication dates spread over the last two years, for "newest first"


@dataclass
class CaseLoadSummary:
    """What a run did, per model label, in the shape of the demo region's summary."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)


@dataclass
class _Vocabularies:
    themes: dict[str, Theme]
    audiences: dict[str, Audience]
    gemeenten: dict[str, Gemeente]
    collection: Collection


def load_demo_cases(by=None, *, cases: tuple[DemoCase, ...] | None = None) -> CaseLoadSummary:
    """Create or restore the demo cases (by default those in ``demo/cases/``), published, with their
    illustrations. Owns its transaction.

    ``by`` is who runs the demo; the cases are published by the demo itself, and the site's one audit event of the
    demo load names the person.
    """
    cases = demo_cases() if cases is None else cases
    summary = CaseLoadSummary()
    touched: list = []
    # Wagtail updates its reference index ("where is this image used?") after every save, three times per page;
    # once per created or changed object at the end is enough and makes the demo load several times faster.
    # Wagtail also logs a line per page created, edited and published: quieter while the cases load.
    with (
        transaction.atomic(),
        disable_reference_index_auto_update(),
        quieter("wagtail"),
    ):
        index = ensure_vitrine_index()
        if index is None:
            raise RuntimeError(
                _("The Vitrine page is missing: run “kernkompas migrate” first, then load the demo again.")
            )
        vocabularies = _Vocabularies(
            themes={t.slug: t for t in Theme.objects.all()},
            audiences={a.slug: a for a in Audience.objects.all()},
            gemeenten={g.code: g for g in Gemeente.objects.filter(code__in={c for k in cases for c in k.gemeenten})},
            collection=Collection.get_first_root_node(),
        )
        existing = {
            page.slug: page for page in CasePage.objects.child_of(index).filter(slug__in=[c.slug for c in cases])
        }
        dates = _publication_dates(cases)
        for case in cases:
            _load_case(case, index, existing.get(case.slug), vocabularies, dates[case.slug], summary, touched)
        for obj in touched:
            ReferenceIndex.create_or_update_for_object(obj)
    return summary


def _load_case(case, index, page, vocabularies: _Vocabularies, published_at, summary: CaseLoadSummary, touched) -> None:
    images = [_image(case, n, vocabularies.collection, summary, touched) for n in range(1 + case.gallery)]
    values = _values(case, images[0])
    relations = {
        "themes": [vocabularies.themes[s] for s in case.themes if s in vocabularies.themes],
        "audiences": [vocabularies.audiences[s] for s in case.audiences if s in vocabularies.audiences],
        "gemeenten": [vocabularies.gemeenten[c] for c in case.gemeenten if c in vocabularies.gemeenten],
    }
    gallery = [(image.pk, _caption(case, n)) for n, image in enumerate(images[1:], start=1)]
    if page is None:
        page = CasePage(slug=case.slug, **values)
        _set_relations(page, relations, gallery)
        index.add_child(instance=page)
        page.save_revision().publish()
        # After publishing, which stamps "now": spread the demo over time so "newest" sorts meaningfully.
        Page.objects.filter(pk=page.pk).update(first_published_at=published_at, last_published_at=published_at)
        summary.created[CasePage._meta.label] += 1
        touched.append(page)
    elif _differs(page, values, relations, gallery) or not page.live:
        for name, value in values.items():
            setattr(page, name, value)
        _set_relations(page, relations, gallery)
        page.save_revision().publish()
        summary.updated[CasePage._meta.label] += 1
        touched.append(page)
    # Only ever raise the counter: real visits to the demo must not count as a change to put back.
    CasePage.objects.filter(pk=page.pk, view_count__lt=case.view_count).update(view_count=case.view_count)


def _values(case: DemoCase, hero: SiteImage) -> dict[str, Any]:
    values = {name: getattr(case, name) for name in PLAIN_FIELDS}
    values.update(
        summary=case.full_summary,
        context=case.full_context,
        dos="\n".join(case.dos),
        donts="\n".join(case.donts),
        partners="\n".join(case.partners),
        key_figures=[{"type": "figure", "value": {"value": v, "label": label}} for v, label in case.key_figures],
        sources=[{"type": "source", "value": {"title": title, "url": ""}} for title in case.sources],
        hero_image=hero,
        is_demo=True,
    )
    return values


def _differs(page: CasePage, values: dict[str, Any], relations: dict[str, list], gallery: list) -> bool:
    for name, value in values.items():
        if name in ("key_figures", "sources"):
            stored = [{"type": b["type"], "value": b["value"]} for b in getattr(page, name).get_prep_value()]
            if stored != value:
                return True
        elif name == "hero_image":
            if page.hero_image_id != value.pk:
                return True
        elif getattr(page, name) != value:
            return True
    for name, wanted in relations.items():
        if set(getattr(page, name).values_list("pk", flat=True)) != {obj.pk for obj in wanted}:
            return True
    return [(item.image_id, item.caption) for item in page.gallery.all()] != gallery


def _set_relations(page: CasePage, relations: dict[str, list], gallery: list) -> None:
    for name, objects in relations.items():
        getattr(page, name).set(objects)
    page.gallery = [CaseGalleryImage(image_id=image_id, caption=caption) for image_id, caption in gallery]


# --- Images ---------------------------------------------------------------------------------------------------
def _image(case: DemoCase, n: int, collection: Collection, summary: CaseLoadSummary, touched: list) -> SiteImage:
    """The case's n-th illustration (0 is the hero), found by title; drawn only when missing."""
    title = f"{case.title} — illustratie {n + 1} (demo)"
    image = SiteImage.objects.filter(title=title).order_by("pk").first()
    if image is not None and image.file and image.file.storage.exists(image.file.name):
        return image
    theme = case.themes[n % len(case.themes)]  # gallery images take the next themes: other colours
    drawing = draw_scene(Scene(key=f"{case.slug}:{n}", theme=theme, core_type=case.core_type, extras=case.extras))
    status = "created" if image is None else "updated"
    image = image or SiteImage(title=title, collection=collection)
    image.alt_text = drawing.alt_text
    image.file.save(f"{case.slug}-{n + 1}.jpg", ContentFile(drawing.jpeg), save=False)
    image.width, image.height = WIDTH, HEIGHT  # known: no need to read the file back
    image._set_image_file_metadata()
    image.save()
    getattr(summary, status)[SiteImage._meta.label] += 1
    touched.append(image)
    return image


def _caption(case: DemoCase, n: int) -> str:
    return f"Sfeerbeeld {n} bij “{case.title}” (getekende illustratie, fictief)."


def _publication_dates(cases: tuple[DemoCase, ...]) -> dict[str, Any]:
    """A first-publication moment per case within the last two years, in a fixed shuffled order.

    Used only when a case is created: later runs leave the stored date alone, so they change nothing.
    """
    order = [case.slug for case in cases]
    random.Random("kernkompas-demo-cases").shuffle(order)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    step = PUBLISHED_WITHIN_DAYS / max(len(order), 1)
    return {slug: now - timedelta(days=round(i * step) + 1, hours=(i * 7) % 10) for i, slug in enumerate(order)}
