from django.urls import path

from kernkompas.site import views, workspace_views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", workspace_views.landing, name="landing"),
    path("werkplek/", workspace_views.workspaces, name="workspaces"),
    path("werkplek/<slug:slug>/", workspace_views.workspace, name="workspace"),
]
