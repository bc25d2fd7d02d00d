"""The poster (A3 PDF) and the share image (PNG) of a core's DNA.

Public: ``/dna/<gemeente>/<kern>/poster.pdf`` and ``…/deelbeeld.png`` show the published DNA of the core (404 when
it has none or its trajectory is not public); they may be cached by anyone for a while. Preview:
``/dna/versie/<pk>/poster.pdf`` and ``…/deelbeeld.png`` show any version, draft or not, to the staff and
facilitators of the core's municipality and to administrators; to everyone else the version does not exist (404).
Previews are never stored by a cache.
"""

from __future__ import annotations

import hashlib
import re

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from kernkompas.dna import poster, selectors, share_image
from kernkompas.dna.models import DnaVersion

PUBLIC_MAX_AGE = 15 * 60  # seconds a published poster may be kept, by us and by caches on the way
PDF, PNG = "application/pdf", "image/png"


def _published_version(gemeente: str, kern: str) -> DnaVersion:
    found = selectors.published_dna(selectors.kern_by_slugs(gemeente, kern))
    if found is None:
        raise Http404
    return found


def _previewable_version(user, pk: int) -> DnaVersion:
    """Any version of a trajectory the user may edit; 404 for everyone else, so a URL reveals nothing."""
    found = DnaVersion.objects.select_related("trajectory__kern__gemeente").filter(pk=pk).first()
    if found is None or not selectors.can_edit(user, found.trajectory):
        raise Http404
    return found


def file_name(version: DnaVersion, extension: str, *, preview: bool) -> str:
    """``kernkompas-<kern-slug>.pdf`` (a preview adds its version number), with only safe characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", version.trajectory.kern.slug.lower()).strip("-")[:60] or "kern"
    suffix = f"-v{version.number}" if preview else ""
    return f"kernkompas-{slug}{suffix}.{extension}"


def _render(request, version: DnaVersion, kind: str) -> bytes:
    content = poster.build_content(version, poster.page_url(request, version.trajectory.kern))
    return poster.render_pdf(content) if kind == PDF else share_image.render_png(content)


def _cached_render(request, version: DnaVersion, kind: str) -> bytes:
    """A published version is frozen, so its file only changes with the language, the address, the day (printed on
    the poster) and the figures; we keep it for ``PUBLIC_MAX_AGE``, which bounds how long new figures wait."""
    parts = (kind, version.pk, translation.get_language(), request.build_absolute_uri("/"), timezone.localdate())
    key = "dna-poster:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = _render(request, version, kind)
        cache.set(key, data, PUBLIC_MAX_AGE)
    return data


def _response(data: bytes, kind: str, name: str, *, public: bool) -> HttpResponse:
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        response["X-Robots-Tag"] = "noindex"
    return response


def _public(request, gemeente: str, kern: str, kind: str, extension: str) -> HttpResponse:
    version = _published_version(gemeente, kern)
    data = _cached_render(request, version, kind)
    return _response(data, kind, file_name(version, extension, preview=False), public=True)


def _preview(request, pk: int, kind: str, extension: str) -> HttpResponse:
    version = _previewable_version(request.user, pk)
    data = _render(request, version, kind)
    return _response(data, kind, file_name(version, extension, preview=True), public=False)


@require_safe
def poster_pdf(request, gemeente: str, kern: str):
    return _public(request, gemeente, kern, PDF, "pdf")


@require_safe
def share_png(request, gemeente: str, kern: str):
    return _public(request, gemeente, kern, PNG, "png")


@require_safe
def version_poster_pdf(request, pk: int):
    return _preview(request, pk, PDF, "pdf")


@require_safe
def version_share_png(request, pk: int):
    return _preview(request, pk, PNG, "png")
