"""Stedelijk leren's pages (mounted at /leren/ in both languages). Each block belongs to one group of views."""

from django.urls import path  # noqa: F401  (the blocks below use it)

app_name = "learning"

urlpatterns: list = []

# --- the public programme, sessions, registration and calendars (BEGIN public) ---
# --- (END public) ---

# --- running the programme: themes, programmes, sessions, materials, attendance (BEGIN staff) ---
from kernkompas.learning import staff_views  # noqa: E402  (each block imports its own views)

urlpatterns += [
    path("beheer/", staff_views.manage, name="manage"),
    path("beheer/themas/", staff_views.frameworks, name="frameworks"),
    path("beheer/themas/nieuw/", staff_views.framework_new, name="framework_new"),
    path("beheer/themas/<int:pk>/", staff_views.framework_edit, name="framework_edit"),
    path("beheer/themas/<int:pk>/verwijderen/", staff_views.framework_remove, name="framework_remove"),
    path("beheer/themas/<int:pk>/thema/nieuw/", staff_views.theme_new, name="theme_new"),
    path("beheer/thema/<int:pk>/", staff_views.theme_edit, name="theme_edit"),
    path("beheer/thema/<int:pk>/verwijderen/", staff_views.theme_remove, name="theme_remove"),
    path("beheer/programma/nieuw/", staff_views.programme_new, name="programme_new"),
    path("beheer/programma/<int:pk>/", staff_views.programme_manage, name="programme_manage"),
    path("beheer/programma/<int:pk>/bewerken/", staff_views.programme_edit, name="programme_edit"),
    path("beheer/programma/<int:pk>/sessie/nieuw/", staff_views.session_new, name="session_new"),
    path("beheer/sessie/<int:pk>/", staff_views.session_manage, name="session_manage"),
    path("beheer/sessie/<int:pk>/bewerken/", staff_views.session_edit, name="session_edit"),
    path("beheer/sessie/<int:pk>/publiceren/", staff_views.session_publish, name="session_publish"),
    path("beheer/sessie/<int:pk>/annuleren/", staff_views.session_cancel, name="session_cancel"),
    path("beheer/sessie/<int:pk>/materiaal/nieuw/", staff_views.material_new, name="material_new"),
    path("beheer/materiaal/<int:pk>/", staff_views.material_edit, name="material_edit"),
    path("beheer/materiaal/<int:pk>/verwijderen/", staff_views.material_remove, name="material_remove"),
    path("beheer/materiaal/<int:pk>/verplaatsen/", staff_views.material_move, name="material_move"),
]
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
from kernkompas.learning import digest_views  # noqa: E402  (each block imports its own views)

urlpatterns += [
    path("mijn/overzicht/", digest_views.digest_preference, name="digest"),
    path("mijn/overzicht/uit/<int:pk>/<str:token>/", digest_views.digest_off, name="digest_off"),
]
# --- (END digest) ---
