"""What a participant's phone starts from: the lab's state as the canvas page embeds it (``json_script``), with
the event number it was read at, so the live stream sends everything after it (``labs/events.py``)."""

from __future__ import annotations

from kernkompas.labs import events, tallies
from kernkompas.labs.models import Lab, Participant, VotingState


def lens_data(lens) -> dict:
    return {"id": lens.pk, "key": lens.key, "title": lens.title, "prompt": lens.prompt}


def state(lab: Lab, participant: Participant) -> dict:
    """The snapshot of the contract (seq, lenses, notes, clusters, phase, voting, dots, remaining, timer_ends_at),
    plus the labels of phase and voting and the participant's own dots (``mine``)."""
    # Read the number first: an event written while the rest is read is then sent again, and applying a note or
    # cluster twice changes nothing (the screens upsert by id).
    seq = Lab.objects.values_list("event_seq", flat=True).get(pk=lab.pk)
    notes = lab.notes.filter(is_hidden=False).select_related("participant").order_by("created_at", "pk")
    mine = tallies.dots_of(participant)
    snapshot = {
        "seq": seq,
        "lenses": [lens_data(lens) for lens in lab.lenses.all()],
        "notes": [events.note_data(note) for note in notes],
        "clusters": [events.cluster_data(cluster) for cluster in lab.clusters.all()],
        "phase": lab.phase,
        "phase_label": str(lab.get_phase_display()),
        "voting": lab.voting,
        "voting_label": str(lab.get_voting_display()),
        "dots": lab.dots_per_participant,
        "remaining": tallies.remaining(participant, lab),
        "timer_ends_at": lab.timer_ends_at.isoformat() if lab.timer_ends_at else None,
        "mine": {"notes": _keys(mine.notes), "clusters": _keys(mine.clusters)},
        "results": None,
    }
    if lab.voting == VotingState.GESLOTEN:
        snapshot["results"] = tallies.dots(lab).as_payload()
    return snapshot


def _keys(counts: dict[int, int]) -> dict[str, int]:
    return {str(k): v for k, v in counts.items()}


def board(snapshot: dict, role_labels: dict[str, str]) -> list[dict]:
    """The snapshot arranged per lens for the page without script: ``[{"lens", "clusters": [{..., "notes"}],
    "notes"}]``; a merged note sits under the note it was merged into (``"merged"``), with the participant's own
    dots (``"mine"``) and, once voting is closed, the results (``"dots"``). The canvas's script draws the same."""
    mine_notes, mine_clusters = snapshot["mine"]["notes"], snapshot["mine"]["clusters"]
    results = snapshot["results"] or {"notes": {}, "clusters": {}}
    notes = {}
    for data in snapshot["notes"]:
        key = str(data["id"])
        notes[data["id"]] = {
            **data,
            "role_label": role_labels.get(data["role"], ""),
            "mine": mine_notes.get(key, 0),
            "dots": results["notes"].get(key),
            "merged": [],
        }
    for note in notes.values():
        if note["merged_into"] in notes:
            notes[note["merged_into"]]["merged"].append(note)
    top = [note for note in notes.values() if note["merged_into"] not in notes]
    lenses = []
    for lens in snapshot["lenses"]:
        clusters = [
            {
                **cluster,
                "mine": mine_clusters.get(str(cluster["id"]), 0),
                "dots": results["clusters"].get(str(cluster["id"])),
                "notes": [n for n in top if n["cluster"] == cluster["id"]],
            }
            for cluster in snapshot["clusters"]
            if cluster["lens"] == lens["id"]
        ]
        clustered = {cluster["id"] for cluster in clusters}
        loose = [n for n in top if n["lens"] == lens["id"] and n["cluster"] not in clustered]
        lenses.append(
            {
                "lens": lens,
                "clusters": clusters,
                "notes": loose,
                "count": len(loose) + sum(len(c["notes"]) for c in clusters),
            }
        )
    return lenses
