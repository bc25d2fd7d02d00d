"""The upload wizard's addresses, included by ``monitor/urls.py`` under /monitor/<gemeente>/<kern>/<gebied>/importeren/.

The including module gives the namespace ("monitor"); these names are reversed as ``monitor:upload`` and so on.
"""

from django.urls import path

from kernkompas.monitor import upload_views

urlpatterns = [
    path("", upload_views.upload, name="upload"),
    path("<int:pk>/kolommen/", upload_views.columns, name="upload_columns"),
    path("<int:pk>/controle/", upload_views.check, name="upload_check"),
    path("<int:pk>/branches/", upload_views.branches, name="upload_branches"),
    path("<int:pk>/vervangen/", upload_views.replace, name="upload_replace"),
    path("<int:pk>/importeren/", upload_views.confirm, name="upload_confirm"),
    path("<int:pk>/annuleren/", upload_views.cancel, name="upload_cancel"),
]
