"""The API's URLs; kernkompas/urls.py includes them at /api/v1/, outside the language prefixes."""

from django.urls import path

from kernkompas.api.api import api

urlpatterns = [path("", api.urls)]
