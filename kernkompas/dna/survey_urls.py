"""The survey pages' addresses, included by ``dna/urls.py`` (names in the ``dna`` namespace)."""

from django.urls import path

from kernkompas.dna import survey_views

TRAJECTORY = "traject/<int:pk>/"
SURVEY = TRAJECTORY + "aftoetsen/<int:survey_pk>/"
PUBLIC = "enquete/<str:token>/"

urlpatterns = [
    path(PUBLIC, survey_views.survey_form, name="survey_form"),
    path(PUBLIC + "bedankt/", survey_views.survey_thanks, name="survey_thanks"),
    path(PUBLIC + "qr.svg", survey_views.survey_qr, name="survey_qr"),
    path(TRAJECTORY + "aftoetsen/nieuw/", survey_views.survey_create, name="survey_create"),
    path(SURVEY, survey_views.survey_detail, name="survey"),
    path(SURVEY + "bewerken/", survey_views.survey_edit, name="survey_edit"),
    path(SURVEY + "afdrukken/", survey_views.survey_print, name="survey_print"),
    path(SURVEY + "status/", survey_views.survey_status, name="survey_status"),
    path(SURVEY + "nieuwe-link/", survey_views.survey_new_link, name="survey_new_link"),
    path(SURVEY + "resultaten-openbaar/", survey_views.survey_results_public, name="survey_results_public"),
    path(SURVEY + "resultaten/", survey_views.survey_results, name="survey_results"),
    path(SURVEY + "antwoorden.csv", survey_views.survey_csv, name="survey_csv"),
]
