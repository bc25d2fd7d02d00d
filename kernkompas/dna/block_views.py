"""The building-block editor, the versions of a DNA and the public Kernkompas page.

Who may do what (``selectors``): the staff and facilitators of the municipality and administrators edit
(``can_edit``); only the municipality's staff and administrators publish (``can_publish``; a facilitator gets no
button and a 403). A draft or an old version does not exist for anyone else (404); the public page shows the
published version of a published trajectory (``selectors.published_dna``) and 404 otherwise.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.core.pagecache import cache_for_visitors
from kernkompas.dna import kompas as kompas_content
from kernkompas.dna import selectors
from kernkompas.dna.actions import versions as version_actions
from kernkompas.dna.block_forms import DnaEditor, IdeaForm, PhotoForm
from kernkompas.dna.models import BlockPhoto, DnaVersion, Idea
from kernkompas.dna.views import _staff_only as staff_only

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def _frozen_answer(request, version: DnaVersion):
    messages.error(
        request,
        _("Version %(n)s is published and no longer changes. Save the building blocks to start a new version.")
        % {"n": version.number},
    )
    return redirect("dna:blocks", pk=version.trajectory_id)


# --- The editor ---------------------------------------------------------------------------------------------------


@staff_only
def editor(request, pk: int):
    """The tagline and the five blocks of the trajectory's draft; photos and ideas per block below."""
    trajectory = selectors.editable_trajectory(request.user, pk)
    current = version_actions.latest(trajectory)
    form = DnaEditor(request.POST if request.method == "POST" else None, version=current)
    if request.method == "POST":
        if form.is_valid():
            saved = version_actions.save_version(request.user, trajectory, **form.cleaned())
            if current is not None and saved.pk != current.pk:
                messages.success(
                    request,
                    _("Saved as version %(n)s, a new draft. Version %(old)s stays as it was.")
                    % {"n": saved.number, "old": current.number},
                )
            else:
                messages.success(
                    request, _("The building blocks were saved (version %(n)s, draft).") % {"n": saved.number}
                )
            return redirect("dna:blocks", pk=trajectory.pk)
        messages.error(request, _("Nothing was saved: correct the points below."))
    context = {
        "trajectory": trajectory,
        "version": current,
        "form": form,
        "blocks": list(current.blocks.prefetch_related("photos", "ideas").order_by("position")) if current else [],
        "can_publish": selectors.can_publish(request.user, trajectory),
        "public_version": trajectory.versions.filter(is_published=True).first(),
    }
    return render(request, "dna/blocks_editor.html", context)


@staff_only
@require_POST
def new_draft(request, pk: int):
    trajectory = selectors.editable_trajectory(request.user, pk)
    version = version_actions.start_draft(request.user, trajectory)
    if version is not None:
        messages.success(
            request,
            _("Version %(n)s is a new draft; change it and publish it when it is ready.") % {"n": version.number},
        )
    return redirect("dna:blocks", pk=trajectory.pk)


# --- Versions -----------------------------------------------------------------------------------------------------


@staff_only
def version_list(request, pk: int):
    trajectory = selectors.editable_trajectory(request.user, pk)
    found = list(trajectory.versions.select_related("created_by").order_by("-number"))
    return render(
        request,
        "dna/blocks_versions.html",
        {
            "trajectory": trajectory,
            "versions": found,
            "published": next((v for v in found if v.is_published), None),
            "can_publish": selectors.can_publish(request.user, trajectory),
        },
    )


def version(request, vpk: int):
    """A version as the public page would show it: the public one redirects there; any other is a preview for
    those who may edit, marked "niet openbaar"."""
    found = selectors.version_for(request.user, vpk)
    if selectors.is_public(found):
        public = selectors.published_dna(found.trajectory.kern)
        if public is not None and public.pk == found.pk:
            return redirect(_kompas_url(found))
    return _render_kompas(request, found, preview=True)


@staff_only
def compare(request, vpk: int):
    """This version next to the published one, block by block."""
    found = selectors.editable_version(request.user, vpk)
    published = found.trajectory.versions.filter(is_published=True).exclude(pk=found.pk).first()
    left = list(found.blocks.order_by("position"))
    right = {b.position: b for b in published.blocks.all()} if published else {}
    rows = [(block, right.get(block.position)) for block in left]
    return render(
        request,
        "dna/blocks_compare.html",
        {"trajectory": found.trajectory, "version": found, "published": published, "rows": rows},
    )


@staff_only
def publish(request, vpk: int):
    """Publish a draft: a page that says what happens, then the confirmed POST. The municipality decides."""
    found = selectors.editable_version(request.user, vpk)
    trajectory = found.trajectory
    if not selectors.can_publish(request.user, trajectory):
        raise PermissionDenied  # the facilitator prepares the DNA; the municipality publishes it
    if found.frozen:
        return _frozen_answer(request, found)
    blocks = list(found.blocks.order_by("position"))
    complete = bool(found.tagline) and len(blocks) == 5
    if request.method == "POST" and request.POST.get("confirm") == "1" and complete:
        version_actions.publish(request.user, found)
        if trajectory.is_published:
            messages.success(
                request, _("Version %(n)s is published: everyone sees it on the Kernkompas page.") % {"n": found.number}
            )
        else:
            messages.success(
                request,
                _("Version %(n)s is published, but the trajectory is not public yet: make it public to show the DNA.")
                % {"n": found.number},
            )
        return redirect("dna:versions", pk=trajectory.pk)
    context = {
        "trajectory": trajectory,
        "version": found,
        "blocks": blocks,
        "complete": complete,
        "previous": trajectory.versions.filter(is_published=True).first(),
    }
    return render(request, "dna/blocks_publish.html", context)


# --- Photos -------------------------------------------------------------------------------------------------------


@staff_only
def block_photos(request, vpk: int, position: int):
    found = selectors.editable_version(request.user, vpk)
    block = get_object_or_404(found.blocks, position=position)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if found.frozen:
            return _frozen_answer(request, found)
        if form.is_valid():
            try:
                version_actions.add_photo(
                    request.user,
                    block,
                    photo=form.cleaned_data["photo"],
                    caption=form.cleaned_data["caption"],
                    credit=form.cleaned_data["credit"],
                )
            except version_actions.VersionError:
                form.add_error(
                    None,
                    _("Building block %(n)s has %(max)s photos already: remove one first.")
                    % {"n": block.position, "max": version_actions.MAX_PHOTOS_PER_BLOCK},
                )
            else:
                messages.success(request, _("The photo was added."))
                return redirect("dna:block_photos", vpk=found.pk, position=block.position)
    context = {
        "trajectory": found.trajectory,
        "version": found,
        "building_block": block,
        "photos": list(block.photos.all()),
        "form": form,
    }
    return render(request, "dna/blocks_photos.html", context)


@staff_only
def remove_photo(request, vpk: int, photo_pk: int):
    found = selectors.editable_version(request.user, vpk)
    photo = get_object_or_404(BlockPhoto.objects.select_related("block"), pk=photo_pk, block__version=found)
    if found.frozen:
        return _frozen_answer(request, found)
    if request.method == "POST":
        version_actions.remove_photo(request.user, photo)
        messages.success(request, _("The photo was removed."))
        return redirect("dna:block_photos", vpk=found.pk, position=photo.block.position)
    return render(
        request, "dna/blocks_photo_remove.html", {"trajectory": found.trajectory, "version": found, "photo": photo}
    )


def photo(request, photo_pk: int):
    """A block photo, for those who may see its version (photos live outside the public media folder)."""
    found = BlockPhoto.objects.select_related("block").filter(pk=photo_pk).first()
    if found is None:
        raise Http404
    version_ = selectors.version_for(request.user, found.block.version_id)
    try:
        handle = found.image.open("rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(found.extension, "application/octet-stream"))
    # A public photo may be cached by anyone; a draft's only by the browser of the person who may see it.
    response["Cache-Control"] = "public, max-age=86400" if selectors.is_public(version_) else "private, max-age=600"
    return response


# --- Ideas --------------------------------------------------------------------------------------------------------


@staff_only
def ideas(request, vpk: int):
    found = selectors.editable_version(request.user, vpk)
    blocks = list(found.blocks.prefetch_related("ideas").order_by("position"))
    if not blocks:
        raise Http404
    form = IdeaForm(request.POST or None, blocks=blocks, initial={"block": request.GET.get("blok")})
    if request.method == "POST":
        if found.frozen:
            return _frozen_answer(request, found)
        if form.is_valid():
            try:
                version_actions.add_idea(
                    request.user,
                    form.cleaned_data["block"],
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                )
            except version_actions.VersionError:
                form.add_error(
                    "block",
                    _("This building block has %(max)s ideas already.") % {"max": version_actions.MAX_IDEAS_PER_BLOCK},
                )
            else:
                messages.success(request, _("The idea was added."))
                return redirect("dna:ideas", vpk=found.pk)
    context = {"trajectory": found.trajectory, "version": found, "blocks": blocks, "form": form}
    return render(request, "dna/blocks_ideas.html", context)


def _idea(request, vpk: int, idea_pk: int) -> tuple[DnaVersion, Idea]:
    found = selectors.editable_version(request.user, vpk)
    return found, get_object_or_404(Idea.objects.select_related("block"), pk=idea_pk, version=found)


@staff_only
def edit_idea(request, vpk: int, idea_pk: int):
    found, idea = _idea(request, vpk, idea_pk)
    if found.frozen:
        return _frozen_answer(request, found)
    blocks = list(found.blocks.order_by("position"))
    initial = {"block": idea.block_id, "title": idea.title, "description": idea.description}
    form = IdeaForm(request.POST or None, blocks=blocks, initial=initial)
    if request.method == "POST" and form.is_valid():
        version_actions.change_idea(
            request.user,
            idea,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            block=form.cleaned_data["block"],
        )
        messages.success(request, _("The idea was saved."))
        return redirect("dna:ideas", vpk=found.pk)
    return render(
        request,
        "dna/blocks_idea_form.html",
        {"trajectory": found.trajectory, "version": found, "idea": idea, "form": form},
    )


@staff_only
@require_POST
def move_idea(request, vpk: int, idea_pk: int):
    found, idea = _idea(request, vpk, idea_pk)
    if found.frozen:
        return _frozen_answer(request, found)
    version_actions.move_idea(request.user, idea, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(reverse("dna:ideas", kwargs={"vpk": found.pk}) + f"#blok-{idea.block.position}")


@staff_only
def remove_idea(request, vpk: int, idea_pk: int):
    found, idea = _idea(request, vpk, idea_pk)
    if found.frozen:
        return _frozen_answer(request, found)
    if request.method == "POST":
        version_actions.remove_idea(request.user, idea)
        messages.success(request, _("The idea was removed."))
        return redirect("dna:ideas", vpk=found.pk)
    return render(
        request, "dna/blocks_idea_remove.html", {"trajectory": found.trajectory, "version": found, "idea": idea}
    )


# --- The public Kernkompas page ---------------------------------------------------------------------------------


def _kompas_url(version: DnaVersion) -> str:
    kern = version.trajectory.kern
    return reverse("dna:kompas", kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug})


def _kern_url(name: str, kern) -> str:
    return reverse(name, kwargs={"gemeente": kern.gemeente.slug, "kern": kern.slug})


@cache_for_visitors
def kompas(request, gemeente: str, kern: str):
    found = selectors.kern_by_slugs(gemeente, kern)
    version_ = selectors.published_dna(found)
    if version_ is None:
        raise Http404
    return _render_kompas(request, version_, preview=False)


def _render_kompas(request, version_: DnaVersion, *, preview: bool):
    kern = version_.trajectory.kern
    page_url = request.build_absolute_uri(_kompas_url(version_))
    share_image = _kern_url("dna:share_image", kern)
    context = {
        "kompas": kompas_content.build(version_),
        "version": version_,
        "trajectory": version_.trajectory,
        "kern": kern,
        "preview": preview,
        "page_url": page_url,
        "share_image_url": request.build_absolute_uri(share_image) if share_image and not preview else "",
        "poster_url": _kern_url("dna:poster", kern) if not preview else "",
        "can_edit": selectors.can_edit(request.user, version_.trajectory),
    }
    return render(request, "dna/kompas.html", context)
