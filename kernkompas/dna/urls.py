"""The Kern-DNA's pages under /dna/ (inside the language prefix)."""

from django.urls import path

from kernkompas.dna import (
    analysis_views,
    attachment_views,
    block_views,
    poster_views,
    region_views,
    survey_views,
    views,
)

app_name = "dna"

TRAJECTORY = "traject/<int:pk>/"
STEP = TRAJECTORY + "stap/<int:step_pk>/"
VERSION = "versie/<int:vpk>/"
SURVEY = TRAJECTORY + "aftoetsen/<int:survey_pk>/"
PUBLIC_SURVEY = "enquete/<str:token>/"

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
    path(STEP + "bijlagen/", attachment_views.upload, name="add_attachment"),
    path(STEP + "bijlage/<int:attachment_pk>/", attachment_views.change, name="change_attachment"),
    path(STEP + "bijlage/<int:attachment_pk>/verwijderen/", attachment_views.remove, name="remove_attachment"),
    path("bijlage/<int:attachment_pk>/", attachment_views.download, name="attachment"),
    path("kern/<slug:gemeente>/<slug:kern>/analyse/", analysis_views.analysis, name="analysis"),
    # The building blocks and versions of the DNA (block_views).
    path(TRAJECTORY + "bouwstenen/", block_views.editor, name="blocks"),
    path(TRAJECTORY + "bouwstenen/nieuwe-versie/", block_views.new_draft, name="new_draft"),
    path(TRAJECTORY + "versies/", block_views.version_list, name="versions"),
    path(VERSION, block_views.version, name="version"),
    path(VERSION + "vergelijken/", block_views.compare, name="compare"),
    path(VERSION + "publiceren/", block_views.publish, name="publish_version"),
    path(VERSION + "bouwsteen/<int:position>/fotos/", block_views.block_photos, name="block_photos"),
    path(VERSION + "foto/<int:photo_pk>/verwijderen/", block_views.remove_photo, name="remove_photo"),
    path(VERSION + "ideeen/", block_views.ideas, name="ideas"),
    path(VERSION + "idee/<int:idea_pk>/", block_views.edit_idea, name="edit_idea"),
    path(VERSION + "idee/<int:idea_pk>/verplaatsen/", block_views.move_idea, name="move_idea"),
    path(VERSION + "idee/<int:idea_pk>/verwijderen/", block_views.remove_idea, name="remove_idea"),
    path("foto/<int:photo_pk>/", block_views.photo, name="photo"),
    # The region view (issue 12, complementarity): a places.Regio, or any chosen set of cores with ?kern=…
    path("regio/", region_views.choose, name="regions"),
    path("regio/<slug:slug>/", region_views.region, name="region"),
    # The surveys ("aftoetsen"): the public form by its token, and the team's pages per trajectory.
    path(PUBLIC_SURVEY, survey_views.survey_form, name="survey_form"),
    path(PUBLIC_SURVEY + "bedankt/", survey_views.survey_thanks, name="survey_thanks"),
    path(PUBLIC_SURVEY + "qr.svg", survey_views.survey_qr, name="survey_qr"),
    path(TRAJECTORY + "aftoetsen/nieuw/", survey_views.survey_create, name="survey_create"),
    path(SURVEY, survey_views.survey_detail, name="survey"),
    path(SURVEY + "bewerken/", survey_views.survey_edit, name="survey_edit"),
    path(SURVEY + "afdrukken/", survey_views.survey_print, name="survey_print"),
    path(SURVEY + "status/", survey_views.survey_status, name="survey_status"),
    path(SURVEY + "nieuwe-link/", survey_views.survey_new_link, name="survey_new_link"),
    path(SURVEY + "resultaten-openbaar/", survey_views.survey_results_public, name="survey_results_public"),
    path(SURVEY + "resultaten/", survey_views.survey_results, name="survey_results"),
    path(SURVEY + "antwoorden.csv", survey_views.survey_csv, name="survey_csv"),
    # The poster and share image: a version's preview first, or "versie/<pk>" would be read as a core's slugs.
    path("versie/<int:pk>/poster.pdf", poster_views.version_poster_pdf, name="version_poster"),
    path("versie/<int:pk>/deelbeeld.png", poster_views.version_share_png, name="version_share_image"),
    path("<slug:gemeente>/<slug:kern>/poster.pdf", poster_views.poster_pdf, name="poster"),
    path("<slug:gemeente>/<slug:kern>/deelbeeld.png", poster_views.share_png, name="share_image"),
    # The public Kernkompas page of a core. Last: "<gemeente>/<kern>/" would also match "traject/12/".
    path("<slug:gemeente>/<slug:kern>/", block_views.kompas, name="kompas"),
]
