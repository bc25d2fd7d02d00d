"""The Kernmonitor's pages under /monitor/ (inside the language prefix): overview, core and area dashboards,
the unit register, downloads, thresholds, and the upload wizard (``upload_urls``, helper module of its own)."""

from django.urls import include, path

from kernkompas.monitor import undo_views, views

app_name = "monitor"

AREA = "<slug:gemeente>/<slug:kern>/<slug:gebied>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicatoren/", views.indicators_explained, name="indicators"),
    path("<slug:gemeente>/<slug:kern>/", views.kern_dashboard, name="kern"),
    path(AREA, views.area_dashboard, name="gebied"),
    path(AREA + "panden/", views.register, name="register"),
    path(AREA + "download/<slug:kind>.<slug:fmt>", views.download, name="download"),
    path(AREA + "drempels/", views.thresholds, name="thresholds"),
    path(AREA + "zichtbaarheid/", views.visibility, name="visibility"),
    path(AREA + "import-ongedaan-maken/", undo_views.undo_import, name="undo_import"),
    path(AREA + "importeren/", include("kernkompas.monitor.upload_urls")),
]
