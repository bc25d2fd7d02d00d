"""Stedelijk leren's pages (mounted at /leren/ in both languages). Each block belongs to one group of views."""

from django.urls import path  # noqa: F401  (the blocks below use it)

app_name = "learning"

urlpatterns: list = []

# --- the public programme, sessions, registration and calendars (BEGIN public) ---
# --- (END public) ---

# --- running the programme: themes, programmes, sessions, materials, attendance (BEGIN staff) ---
# --- (END staff) ---

# --- theme suggestions and intervision advice (BEGIN suggestions) ---
# --- (END suggestions) ---

# --- the newsletter (BEGIN newsletter) ---
# --- (END newsletter) ---

# --- the personal digest (BEGIN digest) ---
from kernkompas.learning import digest_views  # noqa: E402  (each block imports its own views)

urlpatterns += [
    path("mijn/overzicht/", digest_views.digest_preference, name="digest"),
    path("mijn/overzicht/uit/<int:pk>/<str:token>/", digest_views.digest_off, name="digest_off"),
]
# --- (END digest) ---
