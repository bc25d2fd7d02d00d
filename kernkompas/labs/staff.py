"""What every staff page of the area approach and the action plan shares: anonymous visitors go to the login page,
anything outside the user's municipalities answers 404, and a form's input is saved by one named operation whose
refusals (``ValidationError`` naming a field) are shown on the form."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kernkompas.accounts import permissions


def staff_only(view):
    """Anonymous visitors are sent to the login page; the view checks the municipality itself."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def require_manager(user, gemeente) -> None:
    """404 unless the user may manage this municipality: what is not public does not exist for anyone else."""
    if not permissions.can_manage_gemeente(user, gemeente):
        raise Http404


def save_form(form, save) -> bool:
    """Run ``save(cleaned_data)`` for a valid form; an operation's refusal goes onto the form (nothing saved)."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        fields = set(form.fields)
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


def item_form(request, *, form, title, back, save, crumbs=(), formset=None):
    """A page with one form for a part of a plan or an area: on a valid POST, save and go back."""
    if request.method == "POST":
        if formset is None or formset.is_valid():
            if save_form(form, save):
                messages.success(request, _("Saved."))
                return redirect(back)
    context = {"form": form, "title": title, "back": back, "crumbs": crumbs, "formset": formset}
    return render(request, "labs/plans/item_form.html", context, status=400 if request.method == "POST" else 200)


def confirm_remove(request, *, name, back, remove, crumbs=()):
    """Ask before removing; on POST remove and go back."""
    if request.method == "POST":
        remove()
        messages.success(request, _("Removed."))
        return redirect(back)
    return render(request, "labs/plans/confirm_remove.html", {"name": name, "back": back, "crumbs": crumbs})


def direction(request) -> int:
    return -1 if request.POST.get("richting") == "op" else 1
