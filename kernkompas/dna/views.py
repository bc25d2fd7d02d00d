"""The Kern-DNA pages under /dna/: the public list and trajectory pages, and for the staff and facilitators of a
municipality (and administrators) the forms to start a trajectory, change it, make it public and edit its steps.

Views stay thin: who may do what is asked of ``selectors`` (which use ``accounts.permissions``), changes go
through ``actions`` (transaction and audit log). An unpublished trajectory answers 404 to anyone outside its
municipality; someone who may read a published one but not edit it gets 403 on the forms.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.accounts import permissions
from kernkompas.dna import selectors, survey_selectors
from kernkompas.dna.actions import steps as step_actions
from kernkompas.dna.actions import trajectories as trajectory_actions
from kernkompas.dna.attachments import MAX_PER_STEP
from kernkompas.dna.forms import AttachmentUploadForm, StartForm, StepForm, TrajectoryForm
from kernkompas.dna.models import Step
from kernkompas.places.models import Kern


def _staff_only(view):
    """Anonymous visitors are sent to the login page; the view checks the municipality itself."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def index(request):
    """Published trajectories; for staff also their municipalities' other trajectories, marked as not public."""
    trajectories = list(
        selectors.visible(request.user).order_by("kern__gemeente__name_nl", "kern__name", "-created_at")
    )
    return render(
        request,
        "dna/index.html",
        {"trajectories": trajectories, "can_start": permissions.is_staff_of_any(request.user)},
    )


def trajectory(request, pk: int):
    found = selectors.visible_trajectory(request.user, pk)
    can_edit = selectors.can_edit(request.user, found)
    context = {
        "trajectory": found,
        "steps": list(found.steps.order_by("order").prefetch_related(selectors.step_attachments(request.user, found))),
        "can_edit": can_edit,
        "can_publish": selectors.can_publish(request.user, found),
        # The public Kernkompas page, once the trajectory and a version of its DNA are both published.
        "has_public_dna": found.is_published and found.versions.filter(is_published=True).exists(),
        # "Aftoetsen" (survey_section.html): every survey for its editors, the open ones for everyone else.
        "surveys": survey_selectors.surveys_of(found) if can_edit else survey_selectors.open_surveys_of(found),
    }
    return render(request, "dna/trajectory.html", context)


def _kernen_for(user):
    return permissions.scope_queryset(user, Kern.objects.select_related("gemeente"), "gemeente").order_by(
        "gemeente__name_nl", "name"
    )


@_staff_only
def start(request):
    """'Start een DNA-traject': a core of the user's municipalities and a method."""
    if not permissions.is_staff_of_any(request.user):
        raise PermissionDenied
    kernen = _kernen_for(request.user)
    gemeente_slug = request.GET.get("gemeente", "")
    if gemeente_slug:
        kernen = kernen.filter(gemeente__slug=gemeente_slug)
    form = StartForm(request.POST or None, kernen=kernen)
    if request.method == "POST" and form.is_valid():
        created = trajectory_actions.start_trajectory(
            request.user,
            kern=form.cleaned_data["kern"],
            title=form.cleaned_data["title"],
            method=form.cleaned_data["method"],
        )
        messages.success(request, _("The trajectory was started. It is not public until you make it public."))
        return redirect("dna:trajectory", pk=created.pk)
    return render(request, "dna/start.html", {"form": form})


@_staff_only
def edit(request, pk: int):
    found = selectors.editable_trajectory(request.user, pk)
    form = TrajectoryForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        trajectory_actions.change_trajectory(request.user, found, **form.cleaned_data)
        messages.success(request, _("The trajectory was saved."))
        return redirect("dna:trajectory", pk=found.pk)
    found.refresh_from_db()
    return render(request, "dna/edit.html", {"trajectory": found, "form": form})


@_staff_only
def publish(request, pk: int):
    """Make the trajectory public or private: a page that says what changes, then the confirmed POST."""
    found = selectors.editable_trajectory(request.user, pk)
    if not selectors.can_publish(request.user, found):
        raise PermissionDenied  # the facilitator prepares the trajectory; the municipality publishes it
    make_public = request.POST.get("is_published", request.GET.get("is_published", "1")) == "1"
    if request.method == "POST" and request.POST.get("confirm") == "1":
        trajectory_actions.set_published(request.user, found, make_public)
        if make_public:
            messages.success(request, _("The trajectory is public now."))
        else:
            messages.success(request, _("The trajectory is no longer public."))
        return redirect("dna:trajectory", pk=found.pk)
    return render(request, "dna/publish_confirm.html", {"trajectory": found, "make_public": make_public})


@_staff_only
def add_step(request, pk: int):
    found = selectors.editable_trajectory(request.user, pk)
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step_actions.add_step(request.user, found, **form.cleaned_data)
        messages.success(request, _("The step was added."))
        return redirect("dna:trajectory", pk=found.pk)
    return render(request, "dna/step_form.html", {"trajectory": found, "form": form, "step": None})


def step_of(request, pk: int, step_pk: int) -> tuple:
    found = selectors.editable_trajectory(request.user, pk)
    return found, get_object_or_404(Step, pk=step_pk, trajectory=found)


def render_step_form(request, found, step, form=None, upload_form=None, status: int = 200):
    """The step's edit page: the step's fields, and below them its attachments (attachment_views)."""
    context = {
        "trajectory": found,
        "step": step,
        "form": form or StepForm(instance=Step.objects.get(pk=step.pk)),
        "attachments": list(step.attachments.order_by("uploaded_at", "pk")),
        "upload_form": upload_form or AttachmentUploadForm(),
        "max_attachments": MAX_PER_STEP,
    }
    return render(request, "dna/step_form.html", context, status=status)


@_staff_only
def edit_step(request, pk: int, step_pk: int):
    found, step = step_of(request, pk, step_pk)
    form = StepForm(request.POST or None, instance=Step.objects.get(pk=step.pk))
    if request.method == "POST" and form.is_valid():
        step_actions.change_step(request.user, step, **form.cleaned_data)
        messages.success(request, _("The step was saved."))
        return redirect("dna:trajectory", pk=found.pk)
    return render_step_form(request, found, step, form=form)


@_staff_only
@require_POST
def move_step(request, pk: int, step_pk: int):
    found, step = step_of(request, pk, step_pk)
    step_actions.move_step(request.user, step, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(f"{found.get_absolute_url()}#steps")


@_staff_only
def remove_step(request, pk: int, step_pk: int):
    found, step = step_of(request, pk, step_pk)
    if request.method == "POST":
        step_actions.remove_step(request.user, step)
        messages.success(request, _("The step was removed."))
        return redirect("dna:trajectory", pk=found.pk)
    return render(request, "dna/step_remove.html", {"trajectory": found, "step": step})
