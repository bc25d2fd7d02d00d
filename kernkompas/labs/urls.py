"""The Binnenstadslab's pages (mounted at /binnenstadslab/ in both languages)."""

from django.urls import path

from kernkompas.labs import invitation_views, plan_feeds, plan_public_views

app_name = "labs"

urlpatterns: list = []

# --- planpublic: outside parties, the public plan page, feed, downloads ---
urlpatterns += [
    path("actieplannen/openbaar/", plan_public_views.plans_public, name="plans_public"),
    path("actieplannen/<int:pk>/openbaar/", plan_public_views.plan_public, name="plan_public"),
    path("actieplannen/<int:pk>/voortgang.atom", plan_feeds.ProgressFeed(), name="plan_feed"),
    path("actieplannen/<int:pk>/export.<str:fmt>", plan_public_views.plan_export, name="plan_export"),
    path("actieplannen/partij/<int:party_pk>/uitnodigen/", invitation_views.plan_invite, name="plan_invite"),
    path(
        "actieplannen/uitnodiging/<int:pk>/intrekken/",
        invitation_views.plan_invitation_revoke,
        name="plan_invitation_revoke",
    ),
    path("uitnodiging/<str:token>/", invitation_views.plan_invitation, name="plan_invitation"),
    path("mijn-acties/", invitation_views.my_actions, name="my_actions"),
    path("mijn-acties/<int:action_pk>/voortgang/", invitation_views.report_progress, name="report_progress"),
]
