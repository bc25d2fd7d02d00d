"""Template tags for the personal parts of other Vitrine pages: "Voor jou" on the list, the buttons on a case or
theme page. Each tag asks the database a fixed number of times."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from kernkompas.vitrine import personal
from kernkompas.vitrine.models import CaseCollection, CasePage, CollectionItem, Theme, ThemeFollow

register = template.Library()

# On the list page "Voor jou" is a teaser: three cases, the page /vitrine/voor-jou/ shows more.
TEASER_LIMIT = 3


@register.simple_tag(takes_context=True)
def for_you_recommendations(context, limit=TEASER_LIMIT):
    """The recommendations already in the context (the "Voor jou" page), else computed from the session."""
    if "recommendations" in context:
        return context["recommendations"]
    request = context.get("request")
    if request is None:
        return []
    return personal.recommend(personal.profile_from_request(request), limit=limit)


@register.simple_tag(takes_context=True)
def for_you_profile(context):
    if "profile" in context:
        return context["profile"]
    request = context.get("request")
    return personal.profile_from_request(request) if request is not None else personal.PlaceProfile()


@register.inclusion_tag("vitrine/includes/case_actions_body.html", takes_context=True)
def case_actions(context, case=None, theme=None):
    """Buttons to save a case into a collection and to follow its themes (or, on a theme page, that theme)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    themes = [theme] if isinstance(theme, Theme) else list(case.themes.all()) if isinstance(case, CasePage) else []
    result = {
        "request": request,
        "case": case if isinstance(case, CasePage) else None,
        "themes": themes,
        "is_member": bool(user and user.is_authenticated),
        "next": request.get_full_path() if request is not None else "",
    }
    if not result["is_member"]:
        result["login_url"] = f"{reverse('accounts:login')}?{urlencode({'next': result['next']})}"
        result["signup_url"] = reverse("accounts:signup")
        return result
    followed = set(ThemeFollow.objects.filter(user=user, theme__in=themes).values_list("theme_id", flat=True))
    result["theme_states"] = [(t, t.pk in followed) for t in themes]
    if result["case"] is not None:
        own = list(CaseCollection.objects.filter(user=user).order_by("name"))
        holding = set(
            CollectionItem.objects.filter(collection__in=own, page=case).values_list("collection_id", flat=True)
        )
        result["collections_with"] = [c for c in own if c.pk in holding]
        result["collections_without"] = [c for c in own if c.pk not in holding]
    return result
