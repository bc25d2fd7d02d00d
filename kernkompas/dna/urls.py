"""The Kern-DNA's pages under /dna/ (inside the language prefix)."""

from django.urls import path

from kernkompas.dna import poster_views, views

app_name = "dna"

TRAJECTORY = "traject/<int:pk>/"
STEP = TRAJECTORY + "stap/<int:step_pk>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path(TRAJECTORY, views.trajectory, name="trajectory"),
    path(TRAJECTORY + "bewerken/", views.edit, name="edit"),
    path(TRAJECTORY + "openbaarheid/", views.publish, name="publish"),
    path(TRAJECTORY + "stap-toevoegen/", views.add_step, name="add_step"),
    path(STEP, views.edit_step, name="edit_step"),
    path(STEP + "verplaatsen/", views.move_step, name="move_step"),
    path(STEP + "verwijderen/", views.remove_step, name="remove_step"),
    # The poster and share image: a version's preview first, or "versie/<pk>" would be read as a core's slugs.
    path("versie/<int:pk>/poster.pdf", poster_views.version_poster_pdf, name="version_poster"),
    path("versie/<int:pk>/deelbeeld.png", poster_views.version_share_png, name="version_share_image"),
    path("<slug:gemeente>/<slug:kern>/poster.pdf", poster_views.poster_pdf, name="poster"),
    path("<slug:gemeente>/<slug:kern>/deelbeeld.png", poster_views.share_png, name="share_image"),
]
