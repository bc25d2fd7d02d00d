"""The Binnenstadslab's pages (mounted at /binnenstadslab/ in both languages)."""

from django.urls import path

from kernkompas.labs import carry_views, report_views

app_name = "labs"

urlpatterns: list = [
    # --- report ---
    path("doe-mee/<str:code>/achtergrond/", report_views.background_page, name="background"),
    path("doe-mee/<str:code>/regio/", report_views.participant_regional_page, name="participant_regional"),
    path("<int:pk>/regio/", report_views.regional_page, name="regional"),
    path("<int:pk>/verslag/", report_views.report_page, name="report"),
    path("<int:pk>/verslag.pdf", report_views.report_pdf_view, name="report_pdf"),
    path("<int:pk>/verslag/openbaar/", report_views.report_publish, name="report_publish"),
    path("<int:pk>/naar-actieplan/", carry_views.carry, name="carry"),
    # --- end report ---
]
