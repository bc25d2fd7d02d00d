"""The Vitrine's own addresses under /vitrine/ (inside the language prefix). Included before Wagtail's pages,
so these names are taken: a case cannot have the slug "feed" or "thema"."""

from django.urls import path

from kernkompas.vitrine import views

app_name = "vitrine"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", views.feed, name="feed"),
    path("thema/<slug:slug>/", views.theme_detail, name="theme"),
    path("<slug:slug>/print/", views.case_print, name="case_print"),
]
