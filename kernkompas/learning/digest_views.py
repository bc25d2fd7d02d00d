"""The personal digest's pages: a member's own preference (no id in the address: she can only reach her own) and
the switch-off link from the e-mail (a signature stands in for the log-in)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kernkompas.core.ratelimit import ratelimit
from kernkompas.learning import digest
from kernkompas.learning.actions import digest as digest_actions
from kernkompas.learning.digest_forms import SEARCH_MAX_LENGTH, DigestForm, initial_for
from kernkompas.learning.models import DigestFrequency, DigestPreference


@login_required
@require_http_methods(["GET", "POST"])
def digest_preference(request):
    preference = digest_actions.preference_of(request.user)
    if request.method == "GET":
        return _page(request, DigestForm(initial=initial_for(preference)), preference)
    if "search" in request.POST:
        # Looking for a place keeps what she ticked so far, saves nothing and shows no errors yet.
        return _page(request, DigestForm(initial=_initial_from(request.POST)), preference)
    form = DigestForm(request.POST)
    if not form.is_valid():
        return _page(request, form, preference, status=400)
    data = form.cleaned_data
    preference = digest_actions.save_preference(
        request.user,
        frequency=data["frequency"],
        themes=list(data["themes"]),
        gemeenten=list(data["gemeenten"]),
        kernen=list(data["kernen"]),
    )
    if preference.frequency == DigestFrequency.UIT:
        messages.success(request, _("Saved: you get no digest."))
    else:
        messages.success(request, _("Saved: you get a %(frequency)s digest.") % {"frequency": _frequency(preference)})
    return redirect("learning:digest")


def _frequency(preference: DigestPreference) -> str:
    return str(preference.get_frequency_display())


def _initial_from(data) -> dict:
    return {
        "frequency": data.get("frequency", ""),
        "themes": _ids(data.getlist("themes")),
        "gemeenten": _ids(data.getlist("gemeenten")),
        "kernen": _ids(data.getlist("kernen")),
        "place_search": data.get("place_search", "")[:SEARCH_MAX_LENGTH],
    }


def _ids(values) -> list[int]:
    return [int(value) for value in values[:200] if value.isdigit()]


def _chosen(form, name: str) -> set[int]:
    values = form.data.getlist(name) if form.is_bound else form.initial.get(name, [])
    return {int(value) for value in values if str(value).isdigit()}


def _page(request, form: DigestForm, preference, status: int = 200):
    search = (form.data.get("place_search", "") if form.is_bound else form.initial.get("place_search", "")).strip()
    chosen_gemeenten, chosen_kernen = _chosen(form, "gemeenten"), _chosen(form, "kernen")
    gemeenten, kernen = digest.place_choices(search[:SEARCH_MAX_LENGTH], chosen_gemeenten, chosen_kernen)
    context = {
        "form": form,
        "preference": preference,
        "frameworks": digest.frameworks_with_themes(),
        "chosen_themes": _chosen(form, "themes"),
        "gemeenten": gemeenten,
        "kernen": kernen,
        "chosen_gemeenten": chosen_gemeenten,
        "chosen_kernen": chosen_kernen,
        "searched": bool(search),
        "max_places": digest.MAX_PLACES,
        "next_due_on": digest.next_due_on(preference) if preference else None,
    }
    return render(request, "learning/digest/preference.html", context, status=status)


# The one-click switch-off (RFC 8058): a mail client POSTs to the List-Unsubscribe address without a CSRF token;
# the signature in the address is what protects it. A GET only shows the button, so a link scanner changes nothing.
@csrf_exempt
@ratelimit("digest_off")
@require_http_methods(["GET", "POST"])
def digest_off(request, pk: int, token: str):
    preference = get_object_or_404(DigestPreference.objects.select_related("user"), pk=pk)
    if not digest.off_token_matches(preference, token):
        raise Http404
    if request.method == "POST":
        by = request.user if request.user.is_authenticated and request.user.pk == preference.user_id else None
        digest_actions.switch_off(preference, by=by)
        return render(request, "learning/digest/off.html", {"preference": preference, "done": True})
    return render(request, "learning/digest/off.html", {"preference": preference, "done": False})
