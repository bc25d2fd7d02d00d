from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    """Log in with either the e-mail address or the user name, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        model = get_user_model()
        identifier = username.strip()
        field = "email__iexact" if "@" in identifier else "username__iexact"
        user = model._default_manager.filter(**{field: identifier}).first()
        if user is None:
            model().set_password(password)  # same work as a real check, against timing attacks
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
