"""The participant's pages: join by code, name and role, the phone canvas, and the posts of notes and dots.

No account is needed: the lab's code is the way in and the signed cookie (``labs/identity.py``) says who the
phone is. Every post answers JSON when asked (``Accept: application/json``, the canvas's script) and otherwise
redirects back to the canvas, so the page works without JavaScript. Changes go through ``actions/participation``.
"""

from __future__ import annotations

import importlib.util
import uuid

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kernkompas.core import ratelimit
from kernkompas.labs import canvas as canvas_state
from kernkompas.labs import codes, events, identity
from kernkompas.labs.actions import participation
from kernkompas.labs.models import Cluster, Lab, Note, ParticipantRole, Phase, VotingState
from kernkompas.labs.participant_forms import CodeForm, JoinForm, NoteForm

JOIN_LIMIT = "lab_join"
NOTE_LIMIT = "lab_note"
BACKGROUND_TEMPLATE = "labs/includes/background.html"


def _find_lab(code: str) -> Lab | None:
    normalised = codes.normalise(code)
    return Lab.objects.filter(code__iexact=normalised).first() if normalised else None


def _unknown_code(request, typed: str):
    form = CodeForm(initial={"code": typed[: codes.MAX_TYPED]})
    return render(request, "labs/join_code.html", {"form": form, "unknown": True}, status=404)


def _closed(request, lab: Lab, status: int = 200):
    return render(request, "labs/closed.html", {"lab": lab}, status=status)


def _lab_by_code(request, code: str, *, as_json: bool = False):
    """The lab of ``code``, or a response: the friendly 404 with the form, or the 429 page.

    Only wrong codes count against the per-address limit "lab_join" (a whole room joins from the venue's one
    address), but once the address is over it every code gets the 429, the right one too: otherwise the answer
    to a right guess would still stand out. Every page and post under a code goes through here, so none of them
    tells a guesser more than the join form does."""
    limited = ratelimit.over_limit(request, JOIN_LIMIT)
    lab = _find_lab(code) if limited is None else None
    if lab is not None:
        return lab, None
    if limited is None:
        try:
            ratelimit.attempt(request, JOIN_LIMIT)
        except ratelimit.Limited as over:
            limited = over
    if as_json:
        status = 429 if limited else 404
        response = JsonResponse({"errors": {"__all__": [_("There is no lab with this code.")]}}, status=status)
        if limited:
            response["Retry-After"] = str(limited.seconds_left)
        return None, response
    if limited is not None:
        return None, ratelimit.ratelimited_response(request, limited)
    return None, _unknown_code(request, code)


# --- Joining ----------------------------------------------------------------------------------------------------


@never_cache
def join_code(request):
    if request.method != "POST":
        return render(request, "labs/join_code.html", {"form": CodeForm()})
    form = CodeForm(request.POST)
    if not form.is_valid():
        return render(request, "labs/join_code.html", {"form": form}, status=400)
    lab, refusal = _lab_by_code(request, form.cleaned_data["code"])
    if refusal is not None:
        return refusal
    return redirect("labs:join", code=lab.code)


@never_cache
def join(request, code: str):
    lab, refusal = _lab_by_code(request, code)
    if refusal is not None:
        return refusal
    if not lab.is_open:
        return _closed(request, lab, status=403 if request.method == "POST" else 200)
    if identity.participant_for(request, lab) is not None:
        return redirect("labs:canvas", code=lab.code)
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            participant, secret = participation.join(
                lab, form.cleaned_data["display_name"], form.cleaned_data["role"], user=request.user
            )
        except participation.NotAllowed:
            return _closed(request, lab, status=403)
        except participation.Refused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            response = redirect("labs:canvas", code=lab.code)
            identity.remember(response, participant, secret)
            return response
    status = 400 if form.is_bound else 200
    context = {"lab": lab, "form": form, **_background(lab)}
    return render(request, "labs/join.html", context, status=status)


# --- The canvas -------------------------------------------------------------------------------------------------


def _optional_url(name: str, code: str) -> str:
    # The live stream is another module's route; the canvas works without it (notes show from the POST answers).
    try:
        return reverse(name, kwargs={"code": code})
    except NoReverseMatch:
        return ""


def _script_labels(role_labels: dict[str, str]) -> dict:
    """The words the canvas's script writes, in the page's language (the script holds no text of its own)."""
    return {
        "roles": role_labels,
        "phases": {value: str(label) for value, label in Phase.choices},
        "note_phases": sorted(participation.NOTE_PHASES),
        "dot": _("Give a dot"),
        "undot": _("Take a dot back"),
        "dot_on": _("Give a dot to: %(text)s"),
        "undot_on": _("Take a dot back from: %(text)s"),
        "mine": _("Your dots: %(n)s"),
        "results": _("%(n)s dots"),
        "remaining": _("%(n)s dots left"),
        "remaining_one": _("1 dot left"),
        "remaining_none": _("No dots left"),
        "merged": _("Merged into this note:"),
        "empty": _("No notes yet."),
        "sent": _("Your note is on the canvas."),
        "send_failed": _("Sending failed: your note is kept here. Check the connection and try again."),
        "vote_failed": _("Your dot could not be sent. Try again."),
        "new_notes": _("%(n)s new notes"),
        "new_note": _("1 new note"),
        "phase_changed": _("Phase: %(phase)s"),
        "voting_opened": _("Dot-voting has started."),
        "voting_closed": _("Dot-voting has ended."),
        "timer_done": _("Time is up."),
        "reconnecting": _("Connection lost; reconnecting…"),
    }


def _background(lab: Lab) -> dict:
    """What the facilitator chose to show beforehand, as the context of ``labs/includes/background.html``; empty
    when the lab shows nothing, or when the background module (written with that include) is not installed."""
    if importlib.util.find_spec("kernkompas.labs.background") is None:
        return {}
    try:
        get_template(BACKGROUND_TEMPLATE)
    except TemplateDoesNotExist:
        return {}
    # import here: the background module comes with the include above; the canvas works without both.
    from kernkompas.labs import background

    found = background.background_for(lab)
    return {} if found.is_empty else {"background_template": BACKGROUND_TEMPLATE, "background": found}


@never_cache
def canvas(request, code: str):
    lab, refusal = _lab_by_code(request, code)
    if refusal is not None:
        return refusal
    if not lab.is_open:
        return _closed(request, lab)
    participant = identity.participant_for(request, lab)
    if participant is None:
        return redirect("labs:join", code=lab.code)
    snapshot = canvas_state.state(lab, participant)
    role_labels = {value: str(label) for value, label in ParticipantRole.choices}
    urls = {name: reverse(f"labs:{name}", kwargs={"code": lab.code}) for name in ("add_note", "vote", "unvote")}
    context = {
        "lab": lab,
        "participant": participant,
        "state": snapshot,
        "labels": _script_labels(role_labels),
        "board": canvas_state.board(snapshot, role_labels),
        "can_add_notes": lab.phase in participation.NOTE_PHASES,
        "voting_open": snapshot["voting"] == VotingState.OPEN,
        "urls": urls,
        "stream_url": _optional_url("labs:participant_stream", lab.code),
        **_background(lab),
    }
    return render(request, "labs/canvas.html", context)


# --- Posts ------------------------------------------------------------------------------------------------------


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refused(request, lab: Lab, status: int, errors: dict[str, list[str]]):
    if _wants_json(request):
        return JsonResponse({"errors": errors}, status=status)
    for field_errors in errors.values():
        for message in field_errors:
            messages.error(request, message)
    return redirect("labs:canvas", code=lab.code)


def _post_context(request, code: str):
    """The lab and the participant of a post, or a refusal (unknown code 404, closed lab or no participant 403)."""
    lab, refusal = _lab_by_code(request, code, as_json=_wants_json(request))
    if refusal is not None:
        return None, None, refusal
    if not lab.is_open:
        return (
            lab,
            None,
            _refused(request, lab, 403, {"__all__": [_("This lab is closed: nothing can be added any more.")]}),
        )
    participant = identity.participant_for(request, lab)
    if participant is None:
        if not _wants_json(request):
            return lab, None, redirect("labs:join", code=lab.code)
        message = _("Join the lab first (or again): this phone is not known in it.")
        return lab, None, JsonResponse({"errors": {"__all__": [message]}}, status=403)
    return lab, participant, None


@require_POST
def add_note(request, code: str):
    lab, participant, refusal = _post_context(request, code)
    if refusal is not None:
        return refusal
    try:
        ratelimit.attempt_as(NOTE_LIMIT, f"participant:{participant.pk}")
    except ratelimit.Limited as limited:
        message = _("You are sending notes very fast. Wait a moment and send it again.")
        response = _refused(request, lab, 429, {"__all__": [message]})
        response["Retry-After"] = str(limited.seconds_left)
        return response
    form = NoteForm(request.POST, lab=lab)
    if not form.is_valid():
        return _refused(request, lab, 400, {name: list(errors) for name, errors in form.errors.items()})
    lens = lab.lenses.get(pk=form.cleaned_data["lens"])
    try:
        result = participation.add_note(participant, lens, form.cleaned_data["text"], form.cleaned_data["client_id"])
    except participation.Refused as refused:
        return _refused(request, lab, refused.status, {refused.field: [refused.message]})
    if _wants_json(request):
        return JsonResponse(
            {"note": events.note_data(result.note), "seq": result.seq}, status=201 if result.created else 200
        )
    return redirect(f"{reverse('labs:canvas', kwargs={'code': lab.code})}#lens-{lens.pk}")


def _target(request, lab: Lab):
    """The note or cluster a dot is for (``note`` or ``cluster`` field), looked up in this lab only."""
    note_id, cluster_id = request.POST.get("note", ""), request.POST.get("cluster", "")
    if note_id.isdigit() and len(note_id) < 19:
        note = Note.objects.filter(lab=lab, pk=int(note_id), is_hidden=False).first()
        return (note, None) if note is not None else None
    if cluster_id.isdigit() and len(cluster_id) < 19:
        cluster = Cluster.objects.filter(lab=lab, pk=int(cluster_id)).first()
        return (None, cluster) if cluster is not None else None
    return None


def _dots_answer(request, lab: Lab, result, *, status: int):
    if _wants_json(request):
        return JsonResponse({"remaining": result.remaining, "seq": result.seq}, status=status)
    return redirect("labs:canvas", code=lab.code)


@require_POST
def vote(request, code: str):
    lab, participant, refusal = _post_context(request, code)
    if refusal is not None:
        return refusal
    target = _target(request, lab)
    if target is None:
        return _refused(request, lab, 400, {"note": [_("This note or cluster is not on the canvas (any more).")]})
    try:
        nonce = uuid.UUID(request.POST.get("nonce", "")[:40])
    except ValueError:
        # Without a script the form has no nonce of its own: each press of the button is one dot.
        if _wants_json(request):
            return _refused(request, lab, 400, {"nonce": [_("This dot could not be checked. Try again.")]})
        nonce = uuid.uuid4()
    note, cluster = target
    try:
        result = participation.vote(participant, note=note, cluster=cluster, nonce=nonce)
    except participation.Refused as refused:
        return _refused(request, lab, refused.status, {refused.field: [refused.message]})
    return _dots_answer(request, lab, result, status=201 if result.counted else 200)


@require_POST
def unvote(request, code: str):
    lab, participant, refusal = _post_context(request, code)
    if refusal is not None:
        return refusal
    target = _target(request, lab)
    if target is None:
        return _refused(request, lab, 400, {"note": [_("This note or cluster is not on the canvas (any more).")]})
    note, cluster = target
    try:
        result = participation.unvote(participant, note=note, cluster=cluster)
    except participation.Refused as refused:
        return _refused(request, lab, refused.status, {refused.field: [refused.message]})
    return _dots_answer(request, lab, result, status=200)
