"""The Binnenstadslab's pages (mounted at /binnenstadslab/ in both languages)."""

from django.urls import path

from kernkompas.labs import area_views, plan_views

app_name = "labs"

urlpatterns: list = [
    # --- plan (area approach and action plan, staff) ---
    path("gebied/<int:gebied_pk>/", area_views.area, name="area"),
    path("gebied/<int:gebied_pk>/belanghebbende/", area_views.stakeholder_new, name="stakeholder_new"),
    path("belanghebbenden/<int:pk>/", area_views.stakeholder_edit, name="stakeholder_edit"),
    path("belanghebbenden/<int:pk>/verwijderen/", area_views.stakeholder_remove, name="stakeholder_remove"),
    path("gebied/<int:gebied_pk>/opgave/", area_views.opgave_new, name="opgave_new"),
    path("opgaves/<int:pk>/", area_views.opgave_edit, name="opgave_edit"),
    path("opgaves/<int:pk>/verwijderen/", area_views.opgave_remove, name="opgave_remove"),
    path("actieplannen/", plan_views.plans, name="plans"),
    path("actieplannen/nieuw/", plan_views.plan_new, name="plan_new"),
    path("actieplannen/<int:pk>/", plan_views.plan, name="plan"),
    path("actieplannen/<int:pk>/wijzigen/", plan_views.plan_edit, name="plan_edit"),
    path("actieplannen/<int:pk>/publiceren/", plan_views.plan_publish, name="plan_publish"),
    path("actieplannen/<int:pk>/knelpunt/", plan_views.bottleneck_new, name="bottleneck_new"),
    path("knelpunten/<int:pk>/", plan_views.bottleneck_edit, name="bottleneck_edit"),
    path("knelpunten/<int:pk>/verwijderen/", plan_views.bottleneck_remove, name="bottleneck_remove"),
    path("knelpunten/<int:pk>/verplaatsen/", plan_views.bottleneck_move, name="bottleneck_move"),
    path("actieplannen/<int:pk>/doel/", plan_views.goal_new, name="goal_new"),
    path("doelen/<int:pk>/", plan_views.goal_edit, name="goal_edit"),
    path("doelen/<int:pk>/verwijderen/", plan_views.goal_remove, name="goal_remove"),
    path("doelen/<int:pk>/verplaatsen/", plan_views.goal_move, name="goal_move"),
    path("actieplannen/<int:pk>/partij/", plan_views.party_new, name="party_new"),
    path("partijen/<int:pk>/", plan_views.party_edit, name="party_edit"),
    path("partijen/<int:pk>/verwijderen/", plan_views.party_remove, name="party_remove"),
    path("actieplannen/<int:pk>/actie/", plan_views.action_new, name="action_new"),
    path("acties/<int:pk>/", plan_views.action, name="action"),
    path("acties/<int:pk>/wijzigen/", plan_views.action_edit, name="action_edit"),
    path("acties/<int:pk>/verwijderen/", plan_views.action_remove, name="action_remove"),
    path("acties/<int:pk>/verplaatsen/", plan_views.action_move, name="action_move"),
    path("rollen/<int:gemeente_pk>/", plan_views.roles, name="plan_roles"),
    path("rollen/wijzigen/<int:pk>/", plan_views.role_edit, name="role_edit"),
    # --- end plan ---
]
