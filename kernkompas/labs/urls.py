"""The Binnenstadslab's pages (mounted at /binnenstadslab/ in both languages)."""

from django.urls import path

from kernkompas.labs import participant_views

app_name = "labs"

urlpatterns: list = [
    # --- participant: joining by code, the phone canvas, notes and dots ---
    path("doe-mee/", participant_views.join_code, name="join_code"),
    path("doe-mee/<str:code>/", participant_views.join, name="join"),
    path("doe-mee/<str:code>/canvas/", participant_views.canvas, name="canvas"),
    path("doe-mee/<str:code>/notitie/", participant_views.add_note, name="add_note"),
    path("doe-mee/<str:code>/stem/", participant_views.vote, name="vote"),
    path("doe-mee/<str:code>/stem/terug/", participant_views.unvote, name="unvote"),
    # --- end participant ---
]
