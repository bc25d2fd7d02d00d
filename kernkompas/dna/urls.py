"""The Kern-DNA's pages under /dna/ (inside the language prefix)."""

from django.urls import path

from kernkompas.dna import survey_urls, views

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
    *survey_urls.urlpatterns,  # the surveys ("aftoetsen")
]
