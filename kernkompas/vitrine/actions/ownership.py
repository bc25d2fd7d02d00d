"""Whose a member's thing (a collection, a saved search) is.

Owners are checked twice: the views look objects up with user=request.user (another user gets a 404), and the
operations refuse to act for anyone but the owner, so a future caller cannot forget it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def check_owner(obj, by) -> None:
    if by is None or not by.is_authenticated or obj.user_id != by.pk:
        raise PermissionDenied(_("This belongs to another member."))
