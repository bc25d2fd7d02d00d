from django.urls import path

from kernkompas.places import views

app_name = "places"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.gemeente_detail, name="gemeente"),
    path("<slug:gemeente>/<slug:slug>/", views.kern_detail, name="kern"),
]
