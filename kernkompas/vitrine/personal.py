""" "Voor jou": which cases fit a place like yours, and why.

The Vitrine exists because municipalities copy examples "zonder afstemming op de eigen situatie" (seed 001). So a
recommendation always says WHY it fits ("past bij gemeenten van 10.000–25.000 inwoners", "werkte in een gemeente
zoals de jouwe", "omdat je thema Leegstand volgt"), and a small municipality is never shown only big-city examples:
cases from a size class far from the visitor's are pushed down and dropped unless something else clearly fits.

A visitor's choices live in the Django session only (no account, no tracking cookie); a member's profile
(home municipality, followed themes) fills them in until they choose otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from kernkompas.places.models import CountryCode, Gemeente, SizeClass
from kernkompas.places.selectors import load_candidates, similar_gemeenten
from kernkompas.vitrine.models import Audience, CasePage, CoreType, Theme

SESSION_KEY = "vitrine_profile"
SIZE_ORDER = [choice.value for choice in SizeClass]
SIMILAR_LIMIT = 12

# How much each kind of fit counts. A similar municipality or the same size class says most about whether an
# approach will carry over; a followed theme says what the visitor wants to learn; the rest refines the order.
WEIGHT_OWN_GEMEENTE = 4.0
WEIGHT_SIMILAR_GEMEENTE = 4.0
WEIGHT_SAME_SIZE = 3.0
WEIGHT_NEIGHBOUR_SIZE = 1.0
WEIGHT_THEME = 2.0
WEIGHT_AUDIENCE = 2.0
WEIGHT_CORE_TYPE = 1.0
WEIGHT_COUNTRY = 0.5
# Per size class beyond the neighbouring one: a town of 8,000 gets a city of 150,000 only for a very good reason.
PENALTY_SIZE_STEP = 2.0

# A member's "I am a(n)" (accounts.MemberType) as the Vitrine's audience slug.
MEMBER_TYPE_AUDIENCE = {
    "ondernemer": "ondernemers",
    "vastgoed": "vastgoed",
    "investeerder": "investeerders",
    "ontwikkelaar": "ontwikkelaars",
    "overheid": "lokale-besturen",
}


@dataclass
class PlaceProfile:
    gemeente: Gemeente | None = None
    size_class: str = ""
    country: str = ""
    core_type: str | None = None
    themes: list[str] = field(default_factory=list)
    audience: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.gemeente or self.size_class or self.core_type or self.themes or self.audience)

    def to_session(self) -> dict:
        return {
            "gemeente": self.gemeente.pk if self.gemeente else None,
            "size_class": self.size_class,
            "country": self.country,
            "core_type": self.core_type or "",
            "themes": list(self.themes),
            "audience": self.audience or "",
        }


@dataclass
class Recommendation:
    case: CasePage
    reasons: list[str]
    score: float = 0.0


# --- Reading and storing the profile ---------------------------------------------------------------------------


def make_profile(
    *,
    gemeente: Gemeente | None = None,
    size_class: str = "",
    country: str = "",
    core_type: str | None = None,
    themes=(),
    audience: str | None = None,
) -> PlaceProfile:
    """A profile with only known values; a municipality gives its size class and country unless chosen."""
    if gemeente is not None:
        size_class = size_class or gemeente.size_class
        country = country or gemeente.country.code
    return PlaceProfile(
        gemeente=gemeente,
        size_class=size_class if size_class in SizeClass.values else "",
        country=country if country in CountryCode.values else "",
        core_type=core_type if core_type in CoreType.values else None,
        themes=[slug for slug in dict.fromkeys(themes) if slug],
        audience=audience or None,
    )


def profile_from_request(request) -> PlaceProfile:
    """The visitor's choices from the session; for a member without choices yet, their profile."""
    data = request.session.get(SESSION_KEY)
    if isinstance(data, dict):
        return _from_session(data)
    if request.user.is_authenticated:
        return profile_for_user(request.user)
    return PlaceProfile()


def _from_session(data: dict) -> PlaceProfile:
    gemeente = None
    if data.get("gemeente"):
        gemeente = Gemeente.objects.select_related("country").filter(pk=data["gemeente"]).first()
    return make_profile(
        gemeente=gemeente,
        size_class=data.get("size_class") or "",
        country=data.get("country") or "",
        core_type=data.get("core_type") or None,
        themes=[str(slug) for slug in data.get("themes") or []],
        audience=data.get("audience") or None,
    )


def profile_for_user(user) -> PlaceProfile:
    """A member's home municipality, followed themes (and profile interests that are Vitrine themes)."""
    followed = list(user.followed_themes.values_list("theme__slug", flat=True))
    interests = set(Theme.objects.filter(slug__in=user.interests or []).values_list("slug", flat=True))
    gemeente = None
    if user.home_gemeente_id:
        gemeente = Gemeente.objects.select_related("country").get(pk=user.home_gemeente_id)
    return make_profile(
        gemeente=gemeente,
        themes=[*followed, *sorted(interests)],
        audience=MEMBER_TYPE_AUDIENCE.get(user.member_type),
    )


def store_profile(request, profile: PlaceProfile) -> None:
    request.session[SESSION_KEY] = profile.to_session()


def forget_profile(request) -> None:
    request.session.pop(SESSION_KEY, None)


# --- Recommending ----------------------------------------------------------------------------------------------


def recommend(profile: PlaceProfile, limit: int = 6) -> list[Recommendation]:
    """The live cases that fit the profile best, each with the reasons it fits, best first.

    A fixed number of queries: one for the similar municipalities (when a municipality is chosen), one for the
    theme and audience names, one for the candidate cases and three for their themes, audiences and places.
    """
    if profile.is_empty:
        return []
    similar_ids = _similar_gemeente_ids(profile.gemeente)
    names = _vocabulary_names(profile)
    scored = []
    for case in _candidates(profile, similar_ids):
        score, reasons = _score(case, profile, similar_ids, names)
        if reasons and score > 0:
            scored.append((score, _size_distance(profile.size_class, case.size_class), case, reasons))
    # Best score first; at equal scores the case from a size class nearer to the visitor's, then the newest.
    scored.sort(key=lambda item: (-item[0], item[1], -_published_ts(item[2]), item[2].pk))
    return [Recommendation(case=case, reasons=reasons, score=score) for score, _d, case, reasons in scored[:limit]]


def _similar_gemeente_ids(gemeente: Gemeente | None) -> set[int]:
    if gemeente is None:
        return set()
    candidates = load_candidates(demo=gemeente.is_demo)
    return {similar.row["pk"] for similar in similar_gemeenten(gemeente, candidates, limit=SIMILAR_LIMIT)}


def _vocabulary_names(profile: PlaceProfile) -> dict[str, str]:
    """Display names of the followed themes and the chosen audience, keyed "theme:<slug>" / "audience:<slug>"."""
    names = {
        f"theme:{slug}": name
        for slug, name in Theme.objects.filter(slug__in=profile.themes).values_list("slug", "name")
    }
    if profile.audience:
        for slug, name in Audience.objects.filter(slug=profile.audience).values_list("slug", "name"):
            names[f"audience:{slug}"] = name
    return names


def _near_sizes(size_class: str) -> list[str]:
    if size_class not in SIZE_ORDER:
        return []
    at = SIZE_ORDER.index(size_class)
    return SIZE_ORDER[max(0, at - 1) : at + 2]


def _candidates(profile: PlaceProfile, similar_ids: set[int]):
    """Live, public cases with at least one thing in common with the profile."""
    fits = Q(pk__in=[])
    if profile.size_class:
        fits |= Q(size_class__in=_near_sizes(profile.size_class))
    if similar_ids or profile.gemeente:
        fits |= Q(gemeenten__in=[*similar_ids, *([profile.gemeente.pk] if profile.gemeente else [])])
    if profile.themes:
        fits |= Q(themes__slug__in=profile.themes)
    if profile.audience:
        fits |= Q(audiences__slug=profile.audience)
    if profile.core_type:
        fits |= Q(core_type=profile.core_type)
    matching = CasePage.objects.live().public().filter(fits).values("pk")
    return (
        CasePage.objects.filter(pk__in=matching)
        .select_related("hero_image")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("pk", "slug", "name")),
            Prefetch("audiences", queryset=Audience.objects.only("pk", "slug", "name")),
            Prefetch("gemeenten", queryset=Gemeente.objects.only("pk")),
        )
    )


def _size_distance(a: str, b: str) -> int:
    if a not in SIZE_ORDER or b not in SIZE_ORDER:
        return 0
    return abs(SIZE_ORDER.index(a) - SIZE_ORDER.index(b))


def _published_ts(case: CasePage) -> float:
    return case.first_published_at.timestamp() if case.first_published_at else 0.0


def _score(case: CasePage, profile: PlaceProfile, similar_ids: set[int], names: dict[str, str]):
    """The score and the reasons (most telling first) for one case."""
    weighted: list[tuple[float, str]] = []
    score = 0.0
    case_gemeenten = {g.pk for g in case.gemeenten.all()}
    if profile.gemeente and profile.gemeente.pk in case_gemeenten:
        weighted.append((WEIGHT_OWN_GEMEENTE, _("happened in your own municipality")))
    elif case_gemeenten & similar_ids:
        weighted.append((WEIGHT_SIMILAR_GEMEENTE, _("worked in a municipality like yours")))
    distance = _size_distance(profile.size_class, case.size_class)
    if profile.size_class and case.size_class == profile.size_class:
        weighted.append(
            (
                WEIGHT_SAME_SIZE,
                _("fits municipalities of %(size_class)s") % {"size_class": case.get_size_class_display()},
            )
        )
    elif profile.size_class and distance == 1:
        score += WEIGHT_NEIGHBOUR_SIZE
    elif profile.size_class and distance > 1:
        score -= PENALTY_SIZE_STEP * (distance - 1)
    for theme in case.themes.all():
        if theme.slug in profile.themes:
            weighted.append((WEIGHT_THEME, _("because you follow the theme %(theme)s") % {"theme": theme.name}))
    if profile.audience and any(a.slug == profile.audience for a in case.audiences.all()):
        label = names.get(f"audience:{profile.audience}", profile.audience)
        weighted.append((WEIGHT_AUDIENCE, _("for %(audience)s") % {"audience": label.lower()}))
    if profile.core_type and case.core_type == profile.core_type:
        weighted.append((WEIGHT_CORE_TYPE, _("for a %(core_type)s") % {"core_type": case.get_core_type_display()}))
    strong = bool(weighted)
    if profile.country and case.country == profile.country:
        weighted.append((WEIGHT_COUNTRY, _("also in %(country)s") % {"country": case.get_country_display()}))
    if not strong:
        return 0.0, []  # the same country alone does not make a case fit
    weighted.sort(key=lambda item: -item[0])
    return score + sum(weight for weight, _r in weighted), [reason for _w, reason in weighted]
