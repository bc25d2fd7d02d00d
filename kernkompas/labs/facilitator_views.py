"""The facilitator's pages: the list of labs, preparing a lab, the board that runs it, the projector view for the
room and the municipality's canvas templates.

Who may: staff of the lab's municipality, its facilitators (begeleiders) and administrators
(``permissions.can_manage_gemeente``). Anonymous visitors go to the login page; anyone else gets 404 for a lab
they may not run, as if it did not exist. Every change is a plain form (POST → redirect with a message, works
without JavaScript) that calls an operation in ``actions/facilitation.py``; ``static/labs/board.js`` re-fetches the
server-rendered board fragment on every event of the live stream, so all text is escaped by Django.
"""

from __future__ import annotations

import functools
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernkompas.accounts import permissions
from kernkompas.core.qr import qr_svg
from kernkompas.labs import lab_forms, tallies
from kernkompas.labs.actions import facilitation
from kernkompas.labs.models import (
    CanvasTemplate,
    Cluster,
    Decision,
    Lab,
    Lens,
    Note,
    Participant,
    Phase,
    VotingState,
)
from kernkompas.places.models import Gemeente

BRUSSELS = ZoneInfo("Europe/Brussels")
STEPPED_PHASES = [Phase.VERKENNEN, Phase.CLUSTEREN, Phase.PRIORITEREN, Phase.AFSPRAKEN, Phase.AFGESLOTEN]


def _staff_only(view):
    """Anonymous visitors go to the login page; someone who runs no municipality's labs gets 404. Dates are shown
    and read in Brussels time, where the labs take place."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.is_staff_of_any(request.user):
            raise Http404
        with timezone.override(BRUSSELS):
            return view(request, *args, **kwargs)

    return wrapped


def _labs(user):
    return permissions.scope_queryset(user, Lab.objects.select_related("gemeente", "kern", "gebied", "regio"))


def _lab(request, pk: int) -> Lab:
    return get_object_or_404(_labs(request.user), pk=pk)


def _gemeenten(user):
    return permissions.scope_queryset(user, Gemeente.objects.all(), "")


def join_url(request, lab: Lab) -> str:
    """The participant's join page (the participant side's ``labs:join``), absolute for the QR code."""
    try:
        path = reverse("labs:join", kwargs={"code": lab.code})
    except NoReverseMatch:  # the join page is built on the participant branch; the address is the contract's
        path = f"{reverse('labs:index')}doe-mee/{lab.code}/"
    return request.build_absolute_uri(path)


# --- Lists and preparing -------------------------------------------------------------------------------------------


@_staff_only
def index(request):
    labs = list(_labs(request.user).annotate(n_participants=Count("participants", distinct=True)))
    return render(request, "labs/index.html", {"labs": labs})


def _lab_values(data: dict) -> dict:
    return {
        name: data[name]
        for name in (
            "title",
            "question",
            "starts_at",
            "location",
            "kern",
            "gebied",
            "regio",
            "dots_per_participant",
            "show_figures",
            "show_dna",
            "show_cases",
        )
    }


def _region_members(form) -> dict:
    """``{regio pk: [gemeente pk]}`` of the regions on offer, so the form ticks a region's municipalities."""
    members: dict[str, list[int]] = {}
    for regio in form.fields["regio"].queryset.prefetch_related("gemeenten"):
        members[str(regio.pk)] = [gemeente.pk for gemeente in regio.gemeenten.all()]
    return members


@_staff_only
def lab_new(request):
    form = lab_forms.LabForm(request.POST or None, gemeenten=_gemeenten(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lab = facilitation.create_lab(
            request.user,
            data["gemeente"],
            template=data["template"],
            gemeenten=data["gemeenten"],
            **_lab_values(data),
        )
        messages.success(
            request, _("The lab was prepared. Participants join with the code %(code)s.") % {"code": lab.code}
        )
        return redirect("labs:lab", pk=lab.pk)
    return render(request, "labs/lab_form.html", {"form": form, "lab": None, "regions": _region_members(form)})


@_staff_only
def lab_edit(request, pk: int):
    lab = _lab(request, pk)
    form = lab_forms.LabForm(request.POST or None, gemeenten=_gemeenten(request.user), lab=lab)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        facilitation.change_lab(request.user, lab, gemeenten=data["gemeenten"], **_lab_values(data))
        messages.success(request, _("The lab was saved."))
        return redirect("labs:lab", pk=lab.pk)
    return render(request, "labs/lab_form.html", {"form": form, "lab": lab, "regions": _region_members(form)})


# --- The board -----------------------------------------------------------------------------------------------------


def _board_context(request, lab: Lab, *, projector: bool = False) -> dict:
    """The canvas as the facilitator (or the room) sees it: per lens its clusters with their notes, the loose notes,
    and notes merged into another listed under it. The projector leaves out hidden notes."""
    notes_qs = Note.objects.select_related("participant").annotate(dots=Count("votes")).order_by("created_at", "pk")
    if projector:
        notes_qs = notes_qs.filter(is_hidden=False)
    notes = list(notes_qs.filter(lab=lab))
    clusters = list(Cluster.objects.filter(lab=lab).order_by("order", "pk"))
    # The totals the phones and the report show (labs/tallies.py): a note with the dots of the notes merged into it,
    # hidden notes left out. A merged note listed under its target keeps its own count (``dots`` above).
    counted = tallies.dots(lab)
    for cluster in clusters:
        cluster.dots = counted.clusters.get(cluster.pk, 0)
    merged: dict[int, list[Note]] = {}
    for note in notes:
        if note.merged_into_id:
            merged.setdefault(note.merged_into_id, []).append(note)
    for note in notes:
        note.merged_children = merged.get(note.pk, [])
    top = [note for note in notes if not note.merged_into_id]
    for note in top:
        note.dots = counted.notes.get(note.pk, 0)
    lenses = []
    for lens in Lens.objects.filter(lab=lab).order_by("order", "pk"):
        lens_notes = [note for note in top if note.lens_id == lens.pk]
        lens_clusters = [cluster for cluster in clusters if cluster.lens_id == lens.pk]
        for cluster in lens_clusters:
            cluster.board_notes = [note for note in lens_notes if note.cluster_id == cluster.pk]
        lenses.append(
            {
                "lens": lens,
                "clusters": lens_clusters,
                "loose": [note for note in lens_notes if note.cluster_id is None],
                "notes": lens_notes,
                "count": len(lens_notes),
            }
        )
    show_dots = (not projector) or lab.voting == VotingState.GESLOTEN or lab.voting == VotingState.OPEN
    return {
        "lab": lab,
        "lenses": lenses,
        "participants": lab.participants.count(),
        "dots_cast": counted.total,
        "show_dots": show_dots,
        "decisions": list(Decision.objects.filter(lab=lab).select_related("cluster")),
        "phases": [(value, label) for value, label in Phase.choices if value in STEPPED_PHASES],
        "phase_index": STEPPED_PHASES.index(lab.phase) if lab.phase in STEPPED_PHASES else -1,
        "is_voting_open": lab.voting == VotingState.OPEN,
        "timer_form": lab_forms.TimerForm(),
        "decision_form": lab_forms.DecisionForm(),
        "join_url": join_url(request, lab),
        "projector": projector,
    }


def _with_qr(request, context: dict) -> dict:
    lab = context["lab"]
    label = _("QR code to join the lab with code %(code)s") % {"code": lab.code}
    context["qr"] = qr_svg(context["join_url"], label, css_class="lab-qr")
    return context


@_staff_only
def lab(request, pk: int):
    found = _lab(request, pk)
    context = _with_qr(request, _board_context(request, found))
    context["stream_url"] = reverse("labs:stream", kwargs={"pk": found.pk}) if _has_route("labs:stream") else ""
    context["fragment_url"] = reverse("labs:lab_board_fragment", kwargs={"pk": found.pk})
    return render(request, "labs/board.html", context)


def _has_route(name: str) -> bool:
    try:
        reverse(name, kwargs={"pk": 1})
    except NoReverseMatch:  # the live stream is built on the live branch
        return False
    return True


@_staff_only
def lab_board_fragment(request, pk: int):
    found = _lab(request, pk)
    return render(request, "labs/_board.html", _board_context(request, found))


def _projector_page(request, pk: int, template: str):
    found = _lab(request, pk)
    context = _with_qr(request, _board_context(request, found, projector=True))
    context["stream_url"] = reverse("labs:stream", kwargs={"pk": found.pk}) if _has_route("labs:stream") else ""
    context["fragment_url"] = reverse("labs:projector_fragment", kwargs={"pk": found.pk})
    return render(request, template, context)


@_staff_only
def projector(request, pk: int):
    return _projector_page(request, pk, "labs/projector.html")


@_staff_only
def projector_fragment(request, pk: int):
    return _projector_page(request, pk, "labs/_projector.html")


# --- Board actions (plain forms; POST → redirect) ------------------------------------------------------------------


def _back(lab: Lab, anchor: str = ""):
    url = reverse("labs:lab", kwargs={"pk": lab.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _refused(request, lab: Lab, message: str):
    messages.error(request, message)
    return _back(lab)


@_staff_only
@require_POST
def lab_phase(request, pk: int):
    found = _lab(request, pk)
    form = lab_forms.PhaseForm(request.POST)
    if not form.is_valid():
        return _refused(request, found, _("Choose a phase."))
    found = facilitation.set_phase(request.user, found, form.cleaned_data["phase"])
    messages.success(request, _("The lab is now in the phase “%(phase)s”.") % {"phase": found.get_phase_display()})
    return _back(found, "fasen")


@_staff_only
@require_POST
def lab_timer(request, pk: int):
    found = _lab(request, pk)
    if request.POST.get("action") == "stop":
        facilitation.stop_timer(request.user, found)
        messages.success(request, _("The timer was stopped."))
        return _back(found, "timer")
    form = lab_forms.TimerForm(request.POST)
    if not form.is_valid():
        return _refused(request, found, _("Give a number of minutes between 1 and 240."))
    facilitation.start_timer(request.user, found, form.cleaned_data["minutes"] * 60)
    messages.success(request, _("The timer is running."))
    return _back(found, "timer")


@_staff_only
@require_POST
def lab_voting(request, pk: int):
    found = _lab(request, pk)
    if request.POST.get("action") == "close":
        facilitation.close_voting(request.user, found)
        messages.success(request, _("The dot-voting is closed; everyone sees the results."))
    else:
        try:
            facilitation.open_voting(request.user, found)
        except facilitation.FacilitationError:
            return _refused(request, found, _("A closed lab cannot open the dot-voting."))
        messages.success(request, _("The dot-voting is open."))
    return _back(found, "stemmen")


@_staff_only
def lab_lenses(request, pk: int):
    """The canvas's lenses: add, rename, reorder, remove (only a lens without notes)."""
    found = _lab(request, pk)
    form = lab_forms.LensForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                facilitation.add_lens(request.user, found, **form.cleaned_data)
            except facilitation.FacilitationError:
                messages.error(request, _("A canvas has at most 20 lenses."))
            else:
                messages.success(request, _("The lens was added."))
                return redirect("labs:lab_lenses", pk=found.pk)
    lenses = list(found.lenses.annotate(n_notes=Count("notes")).order_by("order", "pk"))
    return render(request, "labs/lenses.html", {"lab": found, "lenses": lenses, "form": form})


@_staff_only
@require_POST
def lab_lens(request, pk: int, lens: int):
    found = _lab(request, pk)
    item = get_object_or_404(Lens, lab=found, pk=lens)
    action = request.POST.get("action")
    if action in ("up", "down"):
        facilitation.move_lens(request.user, item, up=action == "up")
    elif action == "remove":
        try:
            facilitation.remove_lens(request.user, item)
        except facilitation.FacilitationError:
            messages.error(request, _("A lens with notes cannot be removed."))
        else:
            messages.success(request, _("The lens was removed."))
    else:
        form = lab_forms.LensForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("A lens needs a title."))
        else:
            facilitation.rename_lens(request.user, item, **form.cleaned_data)
            messages.success(request, _("The lens was saved."))
    return redirect("labs:lab_lenses", pk=found.pk)


@_staff_only
@require_POST
def cluster_new(request, pk: int):
    found = _lab(request, pk)
    lens = get_object_or_404(Lens, lab=found, pk=request.POST.get("lens") or 0)
    ids = [value for value in request.POST.getlist("notes")[:500] if value.isdigit()]
    notes = list(Note.objects.filter(lab=found, lens=lens, pk__in=ids))
    if len(notes) != len(set(ids)):
        raise Http404  # a note of another lab or lens
    form = lab_forms.ClusterForm(request.POST)
    if not form.is_valid():
        return _refused(request, found, _("Give the cluster a name."))
    facilitation.make_cluster(request.user, found, lens, form.cleaned_data["title"], notes)
    messages.success(request, _("The cluster was made."))
    return _back(found, f"lens-{lens.pk}")


@_staff_only
@require_POST
def cluster_change(request, pk: int, cluster: int):
    found = _lab(request, pk)
    item = get_object_or_404(Cluster, lab=found, pk=cluster)
    anchor = f"lens-{item.lens_id}"
    if request.POST.get("action") == "remove":
        facilitation.remove_cluster(request.user, item)
        messages.success(request, _("The cluster was removed; its notes are back on the lens."))
    else:
        form = lab_forms.ClusterForm(request.POST)
        if not form.is_valid():
            return _refused(request, found, _("Give the cluster a name."))
        facilitation.rename_cluster(request.user, item, form.cleaned_data["title"])
        messages.success(request, _("The cluster was renamed."))
    return _back(found, anchor)


def _pk(value) -> int:
    return int(value) if str(value).isdigit() else 0


@_staff_only
@require_POST
def note_change(request, pk: int, note: int):
    """One note: move to a cluster, merge into another note, hide or show it."""
    found = _lab(request, pk)
    item = get_object_or_404(Note.objects.select_related("participant", "lab"), lab=found, pk=note)
    action = request.POST.get("action")
    anchor = f"note-{item.pk}"
    try:
        if action == "move":
            target = request.POST.get("cluster", "")
            cluster = get_object_or_404(Cluster, lab=found, pk=_pk(target)) if target else None
            facilitation.move_note_to_cluster(request.user, item, cluster)
            messages.success(request, _("The note was moved."))
        elif action == "merge":
            into = get_object_or_404(Note, lab=found, pk=_pk(request.POST.get("into")))
            facilitation.merge_notes(request.user, item, into)
            messages.success(request, _("The notes were merged."))
        elif action == "hide":
            facilitation.hide_note(request.user, item)
            messages.success(request, _("The note is hidden for the participants."))
        elif action == "show":
            facilitation.show_note(request.user, item)
            messages.success(request, _("The note is shown again."))
        else:
            return _refused(request, found, _("Unknown action."))
    except facilitation.FacilitationError:
        return _refused(request, found, _("That is not possible for this note."))
    return _back(found, anchor)


@_staff_only
@require_POST
def participant_block(request, pk: int, participant: int):
    found = _lab(request, pk)
    item = get_object_or_404(Participant, lab=found, pk=participant)
    facilitation.block_participant(request.user, item)
    messages.success(request, _("The participant is blocked and their notes are hidden."))
    return _back(found)


@_staff_only
@require_POST
def decision_add(request, pk: int):
    found = _lab(request, pk)
    form = lab_forms.DecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, found, _("Write down the agreement."))
    facilitation.add_decision(request.user, found, **form.cleaned_data)
    messages.success(request, _("The agreement was added."))
    return _back(found, "afspraken")


@_staff_only
@require_POST
def decision_remove(request, pk: int, decision: int):
    found = _lab(request, pk)
    item = get_object_or_404(Decision, lab=found, pk=decision)
    facilitation.remove_decision(request.user, item)
    messages.success(request, _("The agreement was removed."))
    return _back(found, "afspraken")


# --- Canvas templates ----------------------------------------------------------------------------------------------


def _templates(user):
    """The platform's templates and those of the user's municipalities."""
    return CanvasTemplate.objects.filter(Q(gemeente__isnull=True) | Q(gemeente__in=_gemeenten(user))).select_related(
        "gemeente"
    )


def _may_edit_template(user, template: CanvasTemplate) -> bool:
    if template.gemeente_id is None:
        return permissions.is_beheerder(user)
    return permissions.can_manage_gemeente(user, template.gemeente)


@_staff_only
def templates(request):
    items = list(_templates(request.user).order_by("gemeente__name_nl", "name"))
    for item in items:
        item.editable = _may_edit_template(request.user, item)
    return render(request, "labs/templates.html", {"templates": items})


@_staff_only
def template_new(request):
    platform_allowed = permissions.is_beheerder(request.user)
    form = lab_forms.TemplateForm(
        request.POST or None, gemeenten=_gemeenten(request.user), platform_allowed=platform_allowed
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        facilitation.save_template(request.user, data["gemeente"], data["name"], data["description"], data["lenses"])
        messages.success(request, _("The canvas template was saved."))
        return redirect("labs:templates")
    return render(request, "labs/template_form.html", {"form": form, "template": None})


@_staff_only
def template_edit(request, pk: int):
    item = get_object_or_404(_templates(request.user), pk=pk)
    if not _may_edit_template(request.user, item):
        raise Http404  # the platform's own canvas: only administrators change it
    form = lab_forms.TemplateForm(
        request.POST or None, gemeenten=_gemeenten(request.user), platform_allowed=False, template=item
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        facilitation.save_template(
            request.user, item.gemeente, data["name"], data["description"], data["lenses"], template=item
        )
        messages.success(request, _("The canvas template was saved."))
        return redirect("labs:templates")
    return render(request, "labs/template_form.html", {"form": form, "template": item})
