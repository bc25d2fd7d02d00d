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
# --- (END digest) ---
