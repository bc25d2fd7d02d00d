from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language as django_set_language
from wagtail.models import TaskState

from kernkompas.accounts import permissions
from kernkompas.core.pagecache import cache_for_visitors
from kernkompas.dna.models import DnaVersion
from kernkompas.labs import links as lab_links
from kernkompas.labs.models import ActionPlan, Lab
from kernkompas.learning.models import Material, MaterialKind, Newsletter, NewsletterStatus, Session, SessionStatus
from kernkompas.monitor.indicator_catalogue import INDICATORS, VACANCY_THEME
from kernkompas.monitor.selectors import visible_gebieden
from kernkompas.monitor.theme_links import indicator_url
from kernkompas.places.models import Gebied, Gemeente, Kern
from kernkompas.vitrine.models import CasePage, SavedSearch, Theme

# The chain the home page walks, with the Kernmonitor's vacancy as the example indicator.
CHAIN_INDICATOR = "vacancy_rate"
STAFF_GEMEENTEN_SHOWN = 6


@cache_for_visitors
def home(request):
    """The three parts with live numbers for everyone, then what the signed-in user's roles let them do."""
    current = Gemeente.objects.current()
    context = {
        "counts": {
            "gemeenten": current.count(),
            "kernen": Kern.objects.count(),
            "cases": CasePage.objects.live().public().count(),
            "dashboards": Gebied.objects.filter(is_public=True).count(),
            "kompassen": DnaVersion.objects.filter(is_published=True, trajectory__is_published=True).count(),
            "plans": ActionPlan.objects.filter(is_published=True).count(),
            "lab_reports": Lab.objects.filter(is_report_public=True).count(),
        },
        "lab": _lab_entries(request.user),
        "learning": _learning_entries(request.user),
        "chain": _chain(),
        "demo_gemeenten": current.filter(is_demo=True).order_by("name_nl")[:6],
    }
    user = request.user
    if user.is_authenticated:
        context["member"] = _member_entries(user)
        context["staff"] = _staff_entries(user)
        context["editor"] = _editor_entries(user) if permissions.is_redactie(user) else None
        context["administrator"] = permissions.is_beheerder(user)
    return render(request, "core/home.html", context)


def _lab_entries(user) -> dict:
    """The Binnenstadslab card's links: its labs for staff, the published plans for everyone, joining with a code."""
    staff = user.is_authenticated and permissions.is_staff_of_any(user)
    return {
        "url": (lab_links.index_url() if staff else "") or lab_links.public_plans_url() or lab_links.join_code_url(),
        "index": lab_links.index_url() if staff else "",
        "plans": lab_links.public_plans_url(),
        "join": lab_links.join_code_url(),
    }


def _learning_entries(user) -> dict:
    """The Stedelijk leren card: what is coming and what can be watched or read again, for everyone; the link to
    running a programme for those who may (editors for the platform, staff and facilitators for their
    municipality, as ``learning.access.can_create_programmes`` says)."""
    now = timezone.now()
    public = Session.objects.published()
    may_run = user.is_authenticated and (permissions.is_redactie(user) or permissions.is_staff_of_any(user))
    return {
        "coming": public.filter(status=SessionStatus.GEPUBLICEERD).upcoming(now).count(),
        "recordings": Material.objects.filter(
            kind=MaterialKind.OPNAME, is_public=True, published_at__lte=now, session__in=public
        ).count(),
        "newsletters": Newsletter.objects.filter(status=NewsletterStatus.VERZONDEN).count(),
        "manage": may_run,
    }


def _chain() -> dict:
    """ "Voorbeeld → thema → indicator → actie" as real links: a case on vacancy, its theme, the indicator that
    measures it and the public dashboards where a place follows what its action does."""
    theme = Theme.objects.filter(slug=VACANCY_THEME).first()
    case = None
    if theme is not None:
        case = CasePage.objects.live().public().filter(themes=theme).order_by("-first_published_at").first()
    return {
        "case": case,
        "theme": theme,
        "indicator": INDICATORS[CHAIN_INDICATOR],
        "indicator_url": indicator_url(CHAIN_INDICATOR),
    }


def _member_entries(user) -> dict:
    followed = list(Theme.objects.filter(followers__user=user).order_by("order", "name"))
    searches = list(SavedSearch.objects.filter(user=user).order_by("-created_at")[:5])
    return {"themes": followed, "searches": searches}


def _staff_entries(user) -> list[dict]:
    """The municipalities the user works for, each with its place page, workspace (when the site has one) and
    dashboards (how many, and how many of them are not public). Administrators work for all: none listed."""
    ids = permissions.staff_gemeente_ids(user)
    if not ids:
        return []
    counts = (
        visible_gebieden(user)
        .filter(kern__gemeente__in=ids)
        .values("kern__gemeente")
        .annotate(total=Count("pk"), private=Count("pk", filter=Q(is_public=False)))
    )
    by_gemeente = {row["kern__gemeente"]: row for row in counts}
    gemeenten = Gemeente.objects.filter(pk__in=ids).order_by("name_nl")[:STAFF_GEMEENTEN_SHOWN]
    return [
        {
            "gemeente": gemeente,
            "workspace_url": _workspace_url(gemeente),
            "dashboards": by_gemeente.get(gemeente.pk, {}).get("total", 0),
            "private": by_gemeente.get(gemeente.pk, {}).get("private", 0),
        }
        for gemeente in gemeenten
    ]


def _workspace_url(gemeente) -> str:
    """The municipality's workspace (site/workspace_views.py)."""
    return reverse("site:workspace", kwargs={"slug": gemeente.slug})


def _editor_entries(user) -> dict:
    """What waits for the editors: the tasks of the review workflow this user may act on."""
    return {"reviews": TaskState.objects.reviewable_by(user).count()}


@never_cache
def health(request):
    """``/health/``: "ok" when this process answers. A load balancer in front of several app servers asks it; the
    served-speed benchmark measures it as the empty view every page is compared with."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def set_language(request):
    """Django's language switch, reading the page it came from in that page's own language.

    Django resolves ``next`` in the default language (Dutch). Wagtail's catch-all pattern then takes "/en/…" for
    a Dutch page path and the visitor stays in English; resolving it in English finds the real page.
    """
    came_from = request.POST.get("next", request.GET.get("next", ""))
    with translation.override(translation.get_language_from_path(came_from) or settings.LANGUAGE_CODE):
        return django_set_language(request)
