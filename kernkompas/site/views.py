from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.views.i18n import set_language as django_set_language

from kernkompas.places.models import Gemeente, Kern
from kernkompas.vitrine.models import CasePage


def home(request):
    current = Gemeente.objects.current()
    context = {
        "counts": {
            "gemeenten": current.count(),
            "kernen": Kern.objects.count(),
            "cases": CasePage.objects.live().public().count(),
        },
        "demo_gemeenten": current.filter(is_demo=True).order_by("name_nl")[:6],
    }
    return render(request, "core/home.html", context)


def set_language(request):
    """Django's language switch, reading the page it came from in that page's own language.

    Django resolves ``next`` in the default language (Dutch). Wagtail's catch-all pattern then takes "/en/…" for
    a Dutch page path and the visitor stays in English; resolving it in English finds the real page.
    """
    came_from = request.POST.get("next", request.GET.get("next", ""))
    with translation.override(translation.get_language_from_path(came_from) or settings.LANGUAGE_CODE):
        return django_set_language(request)
