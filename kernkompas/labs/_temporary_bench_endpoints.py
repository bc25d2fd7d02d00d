"""TEMPORARY (branch live only, deleted before the final commit): minimal join/canvas/note/vote endpoints after the
contract, only to try bench/labs_live_bench.py before the participant helper's real ones are merged."""

import json
import uuid

from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from kernkompas.labs import events, identity
from kernkompas.labs.models import Lab, Note, Participant, Vote


def join(request, code):
    lab = get_object_or_404(Lab, code=code)
    if request.method == "POST":
        secret = identity.new_secret()
        with transaction.atomic():
            p = Participant.objects.create(
                lab=lab,
                display_name=request.POST["display_name"][:40],
                role=request.POST["role"],
                secret_hash=identity.secret_hash(secret),
            )
        response = redirect(f"/binnenstadslab/doe-mee/{code}/canvas/")
        identity.remember(response, p, secret)
        return response
    token = get_token(request)
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{token}"></form>')


def canvas(request, code):
    lab = get_object_or_404(Lab, code=code)
    if identity.participant_for(request, lab) is None:
        raise Http404
    return HttpResponse(f'<script type="application/json" id="lab-state">{json.dumps({"seq": lab.event_seq})}</script>')


@require_POST
def add_note(request, code):
    lab = get_object_or_404(Lab, code=code)
    p = identity.participant_for(request, lab)
    if p is None:
        return JsonResponse({}, status=403)
    client_id = uuid.UUID(request.POST["client_id"])
    found = Note.objects.filter(participant=p, client_id=client_id).first()
    if found:
        return JsonResponse({"note": events.note_data(found), "seq": lab.event_seq}, status=200)
    with transaction.atomic():
        note = Note.objects.create(
            lab=lab,
            lens_id=int(request.POST["lens"]),
            participant=p,
            text=request.POST["text"][:500],
            client_id=client_id,
        )
        seq = events.emit(lab, "note.added", events.note_data(note))
    return JsonResponse({"note": events.note_data(note), "seq": seq}, status=201)


@require_POST
def vote(request, code):
    lab = get_object_or_404(Lab, code=code)
    p = identity.participant_for(request, lab)
    if p is None:
        return JsonResponse({}, status=403)
    nonce = uuid.UUID(request.POST["nonce"])
    if Vote.objects.filter(participant=p, nonce=nonce).exists():
        return JsonResponse({"remaining": 0, "seq": 0}, status=200)
    try:
        with transaction.atomic():
            Vote.objects.create(lab=lab, participant=p, note_id=int(request.POST["note"]), nonce=nonce)
            seq = events.emit(lab, "votes.cast", {"total": Vote.objects.filter(lab=lab).count()}, public=False)
    except IntegrityError:
        return JsonResponse({"remaining": 0, "seq": 0}, status=200)
    return JsonResponse({"remaining": 0, "seq": seq}, status=201)
