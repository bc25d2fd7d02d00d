"""The Vitrine's own addresses under /vitrine/ (inside the language prefix). Included before Wagtail's pages,
so these names are taken: a case cannot have the slug "feed" or "thema"."""

from django.urls import path

from kernkompas.vitrine import member_views, views

app_name = "vitrine"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", views.feed, name="feed"),
    path("thema/<slug:slug>/", views.theme_detail, name="theme"),
    path("<slug:slug>/print/", views.case_print, name="case_print"),
    # "Voor jou", member features and "Deel je voorbeeld" (kernkompas.vitrine.member_views).
    path("voor-jou/", member_views.for_you, name="for_you"),
    path("deel-je-voorbeeld/", member_views.submit, name="submit"),
    path("deel-je-voorbeeld/bedankt/", member_views.submit_thanks, name="submit_thanks"),
    path("thema/<slug:slug>/volgen/", member_views.follow_theme, name="follow_theme"),
    path("bewaard/", member_views.collections, name="collections"),
    path("bewaard/toevoegen/", member_views.collection_add, name="collection_add"),
    path("bewaard/<int:pk>/", member_views.collection_detail, name="collection"),
    path("bewaard/<int:pk>/verwijderen/", member_views.collection_delete, name="collection_delete"),
    path("bewaard/<int:pk>/delen/", member_views.collection_share, name="collection_share"),
    path("bewaard/<int:pk>/weg/<int:page_id>/", member_views.collection_remove, name="collection_remove"),
    path("gedeeld/<str:token>/", member_views.collection_shared, name="collection_shared"),
    path("zoekopdrachten/", member_views.saved_searches, name="saved_searches"),
    path("zoekopdrachten/<int:pk>/verwijderen/", member_views.saved_search_delete, name="saved_search_delete"),
    path("zoekopdrachten/<int:pk>/meldingen/", member_views.saved_search_alerts, name="saved_search_alerts"),
]
