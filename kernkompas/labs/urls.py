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
