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
from kernkompas.learning import newsletter_feeds, newsletter_views  # noqa: E402  (this block's views)

urlpatterns += [
    path("nieuwsbrief/", newsletter_views.signup, name="newsletter_signup"),
    path("nieuwsbrief/feed/", newsletter_feeds.NewsletterFeed(), name="newsletter_feed"),
    path("nieuwsbrief/bevestigen/<str:token>/", newsletter_views.confirm, name="newsletter_confirm"),
    path("nieuwsbrief/afmelden/<int:pk>/<str:token>/", newsletter_views.unsubscribe, name="unsubscribe"),
    path("nieuwsbrief/<slug:slug>/", newsletter_views.issue, name="newsletter"),
    path("beheer/nieuwsbrieven/", newsletter_views.newsletters, name="newsletters"),
    path("beheer/nieuwsbrieven/nieuw/", newsletter_views.newsletter_new, name="newsletter_new"),
    path("beheer/nieuwsbrieven/<int:pk>/", newsletter_views.newsletter_edit, name="newsletter_edit"),
    path("beheer/nieuwsbrieven/<int:pk>/item/", newsletter_views.item_add, name="newsletter_item_add"),
    path("beheer/nieuwsbrieven/<int:pk>/link/", newsletter_views.link_add, name="newsletter_link_add"),
    path(
        "beheer/nieuwsbrieven/<int:pk>/item/<int:item_pk>/weg/",
        newsletter_views.item_remove,
        name="newsletter_item_remove",
    ),
    path(
        "beheer/nieuwsbrieven/<int:pk>/item/<int:item_pk>/verplaatsen/",
        newsletter_views.item_move,
        name="newsletter_item_move",
    ),
    path("beheer/nieuwsbrieven/<int:pk>/voorbeeld/", newsletter_views.preview, name="newsletter_preview"),
    path("beheer/nieuwsbrieven/<int:pk>/testen/", newsletter_views.test_send, name="newsletter_test"),
    path("beheer/nieuwsbrieven/<int:pk>/verzenden/", newsletter_views.send, name="newsletter_send"),
    path("beheer/nieuwsbrieven/<int:pk>/voortgang/", newsletter_views.progress, name="newsletter_progress"),
]
# --- (END newsletter) ---

# --- the personal digest (BEGIN digest) ---
from kernkompas.learning import digest_views  # noqa: E402  (each block imports its own views)

urlpatterns += [
    path("mijn/overzicht/", digest_views.digest_preference, name="digest"),
    path("mijn/overzicht/uit/<int:pk>/<str:token>/", digest_views.digest_off, name="digest_off"),
]
# --- (END digest) ---
