"""Stedelijk leren's pages (mounted at /leren/ in both languages). Each block belongs to one group of views."""

from django.urls import path  # noqa: F401  (the blocks below use it)

app_name = "learning"

urlpatterns: list = []

# --- the public programme, sessions, registration and calendars (BEGIN public) ---
from kernkompas.learning import attendance_views, public_views, registration_views  # noqa: E402

urlpatterns += [
    path("", public_views.index, name="index"),
    path("programma/<slug:slug>/", public_views.programme, name="programme"),
    path("programma/<slug:slug>/agenda.ics", public_views.programme_ics, name="programme_ics"),
    path("programma/<slug:programme>/<slug:slug>/", public_views.session, name="session"),
    path("programma/<slug:programme>/<slug:slug>/sessie.ics", public_views.session_ics, name="session_ics"),
    path("programma/<slug:programme>/<slug:slug>/inschrijven/", registration_views.register, name="register"),
    path("programma/<slug:programme>/<slug:slug>/uitschrijven/", registration_views.unregister, name="unregister"),
    path("inschrijving/<int:pk>/<str:secret>/", registration_views.registration, name="registration"),
    path("thema/<int:pk>/", public_views.theme, name="theme"),
    path("thema/<int:pk>/agenda.ics", public_views.theme_ics, name="theme_ics"),
    path("mijn/", registration_views.mine, name="mine"),
    path("beheer/sessie/<int:pk>/deelnemers/", attendance_views.attendance, name="attendance"),
]
# --- (END public) ---

# --- running the programme: themes, programmes, sessions, materials, attendance (BEGIN staff) ---
# --- (END staff) ---

# --- theme suggestions and intervision advice (BEGIN suggestions) ---
# --- (END suggestions) ---

# --- the newsletter (BEGIN newsletter) ---
# --- (END newsletter) ---

# --- the personal digest (BEGIN digest) ---
# --- (END digest) ---
