"""The Binnenstadslab's pages (mounted at /binnenstadslab/ in both languages)."""

from django.urls import path

app_name = "labs"

urlpatterns: list = []

# --- live ---
# (imported at the top of the block so another helper's block can be added above or below without conflicts)
from kernkompas.labs import stream_views  # noqa: E402

urlpatterns += [
    path("doe-mee/<str:code>/live/", stream_views.participant_stream, name="participant_stream"),
    path("<int:pk>/live/", stream_views.stream, name="stream"),
]
# --- end live ---

# TEMPORARY bench endpoints (deleted before the final commit)
from kernkompas.labs import _temporary_bench_endpoints as _t  # noqa: E402

urlpatterns += [
    path("doe-mee/<str:code>/", _t.join, name="join"),
    path("doe-mee/<str:code>/canvas/", _t.canvas, name="canvas"),
    path("doe-mee/<str:code>/notitie/", _t.add_note, name="add_note"),
    path("doe-mee/<str:code>/stem/", _t.vote, name="vote"),
]
