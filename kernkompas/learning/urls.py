"""Stedelijk leren's pages (mounted at /leren/ in both languages). Each block belongs to one group of views."""

from django.urls import path  # noqa: F401  (the blocks below use it)

app_name = "learning"

urlpatterns: list = []

# --- the public programme, sessions, registration and calendars (BEGIN public) ---
# --- (END public) ---

# --- running the programme: themes, programmes, sessions, materials, attendance (BEGIN staff) ---
# --- (END staff) ---

# --- theme suggestions and intervision advice (BEGIN suggestions) ---
from kernkompas.learning import intervision_views, suggestion_views  # noqa: E402  (each block imports its views)

urlpatterns += [
    path("suggesties/", suggestion_views.suggestions, name="suggestions"),
    path("suggesties/<int:pk>/steunen/", suggestion_views.suggestion_support, name="suggestion_support"),
    path("beheer/voorstellen/", suggestion_views.suggestions_manage, name="suggestions_manage"),
    path("beheer/voorstellen/<int:pk>/plannen/", suggestion_views.suggestion_plan, name="suggestion_plan"),
    path("beheer/voorstellen/<int:pk>/afwijzen/", suggestion_views.suggestion_decline, name="suggestion_decline"),
    path("programma/<slug:programme>/<slug:slug>/intervisie/", intervision_views.intervision_page, name="intervision"),
    path("beheer/sessie/<int:pk>/advies/", intervision_views.advice_manage, name="advice_manage"),
]
# --- (END suggestions) ---

# --- the newsletter (BEGIN newsletter) ---
# --- (END newsletter) ---

# --- the personal digest (BEGIN digest) ---
# --- (END digest) ---
