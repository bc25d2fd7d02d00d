from django.contrib.auth import views as auth_views
from django.urls import path

from kernkompas.accounts import invitation_views, views
from kernkompas.core.ratelimit import ratelimit

app_name = "accounts"

urlpatterns = [
    # The log-in view counts its own failed attempts (per address and per account).
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("registreren/", views.signup, name="signup"),
    path("profiel/", views.profile, name="profile"),
    path("profiel/mijn-gegevens.json", views.my_data, name="my_data"),
    # Counts every view and post per address (accounts/invitation_views.py).
    path("uitnodiging/<str:token>/", invitation_views.invitation, name="invitation"),
    path("wachtwoord/wijzigen/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "wachtwoord/vergeten/",
        ratelimit("password_reset")(views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
