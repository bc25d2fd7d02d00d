"""The Binnenstadslab's pages (mounted at /binnenstadslab/ in both languages)."""

from django.urls import path

from kernkompas.labs import (
    area_views,
    carry_views,
    facilitator_views,
    invitation_views,
    participant_views,
    plan_feeds,
    plan_public_views,
    plan_views,
    report_views,
    stream_views,
)

app_name = "labs"

urlpatterns: list = []

# --- facilitator ---
urlpatterns += [
    path("", facilitator_views.index, name="index"),
    path("nieuw/", facilitator_views.lab_new, name="lab_new"),
    path("sjablonen/", facilitator_views.templates, name="templates"),
    path("sjablonen/nieuw/", facilitator_views.template_new, name="template_new"),
    path("sjablonen/<int:pk>/", facilitator_views.template_edit, name="template_edit"),
    path("<int:pk>/", facilitator_views.lab, name="lab"),
    path("<int:pk>/bewerken/", facilitator_views.lab_edit, name="lab_edit"),
    path("<int:pk>/bord/", facilitator_views.lab_board_fragment, name="lab_board_fragment"),
    path("<int:pk>/projectie/", facilitator_views.projector, name="projector"),
    path("<int:pk>/projectie/bord/", facilitator_views.projector_fragment, name="projector_fragment"),
    path("<int:pk>/fase/", facilitator_views.lab_phase, name="lab_phase"),
    path("<int:pk>/timer/", facilitator_views.lab_timer, name="lab_timer"),
    path("<int:pk>/stemmen/", facilitator_views.lab_voting, name="lab_voting"),
    path("<int:pk>/lenzen/", facilitator_views.lab_lenses, name="lab_lenses"),
    path("<int:pk>/lenzen/<int:lens>/", facilitator_views.lab_lens, name="lab_lens"),
    path("<int:pk>/clusters/nieuw/", facilitator_views.cluster_new, name="cluster_new"),
    path("<int:pk>/clusters/<int:cluster>/", facilitator_views.cluster_change, name="cluster_change"),
    path("<int:pk>/notities/<int:note>/", facilitator_views.note_change, name="note_change"),
    path(
        "<int:pk>/deelnemers/<int:participant>/blokkeren/",
        facilitator_views.participant_block,
        name="participant_block",
    ),
    path("<int:pk>/afspraken/", facilitator_views.decision_add, name="decision_add"),
    path("<int:pk>/afspraken/<int:decision>/verwijderen/", facilitator_views.decision_remove, name="decision_remove"),
]
# --- end facilitator ---
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
# --- end planpublic ---

# --- report ---
urlpatterns += [
    path("doe-mee/<str:code>/achtergrond/", report_views.background_page, name="background"),
    path("doe-mee/<str:code>/regio/", report_views.participant_regional_page, name="participant_regional"),
    path("<int:pk>/regio/", report_views.regional_page, name="regional"),
    path("<int:pk>/verslag/", report_views.report_page, name="report"),
    path("<int:pk>/verslag.pdf", report_views.report_pdf_view, name="report_pdf"),
    path("<int:pk>/verslag/openbaar/", report_views.report_publish, name="report_publish"),
    path("<int:pk>/naar-actieplan/", carry_views.carry, name="carry"),
]
# --- end report ---

# --- participant: joining by code, the phone canvas, notes and dots ---
urlpatterns += [
    path("doe-mee/", participant_views.join_code, name="join_code"),
    path("doe-mee/<str:code>/", participant_views.join, name="join"),
    path("doe-mee/<str:code>/canvas/", participant_views.canvas, name="canvas"),
    path("doe-mee/<str:code>/notitie/", participant_views.add_note, name="add_note"),
    path("doe-mee/<str:code>/stem/", participant_views.vote, name="vote"),
    path("doe-mee/<str:code>/stem/terug/", participant_views.unvote, name="unvote"),
]
# --- end participant ---

# --- plan (area approach and action plan, staff) ---
urlpatterns += [
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
]
# --- end plan ---

# --- live: the Server-Sent Events streams ---
urlpatterns += [
    path("doe-mee/<str:code>/live/", stream_views.participant_stream, name="participant_stream"),
    path("<int:pk>/live/", stream_views.stream, name="stream"),
]
# --- end live ---
