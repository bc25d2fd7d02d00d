"""Cases alike in text: what a case page lists as "similar text" among its related cases."""

from __future__ import annotations

import math

from django.db.models import Case, Count, F, FloatField, Sum, Value, When

from kernkompas.vitrine.models import CasePage, SearchTerm
from kernkompas.vitrine.search.ranking import ScoredCase, of_a_public_case

TELLING_TERMS = 30  # the case's most telling terms that are compared: enough to find alike cases, few for SQL


def similar_by_text(page: CasePage, limit: int = 5) -> list[ScoredCase]:
    """Other live, public cases that share the most telling terms with this one, best first.

    Terms are weighed by how rare they are (fewer cases use them, more they say), so that "gemeente" does not
    make every case similar. Three queries whatever the number of cases.
    """
    own = dict(SearchTerm.objects.filter(page_id=page.pk).values_list("term", "weight"))
    if not own:
        return []
    total = SearchTerm.objects.values("page_id").distinct().count()
    spread = dict(
        SearchTerm.objects.filter(term__in=list(own))
        .values("term")
        .annotate(n=Count("page_id"))
        .values_list("term", "n")
    )
    telling = {term: weight * math.log(1 + total / spread.get(term, 1)) for term, weight in own.items()}
    chosen = sorted(telling.items(), key=lambda item: -item[1])[:TELLING_TERMS]
    score = Sum(
        Case(
            *[When(term=term, then=F("weight") * Value(value)) for term, value in chosen],
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    rows = (
        SearchTerm.objects.filter(of_a_public_case(exclude=page.pk), term__in=[term for term, _value in chosen])
        .values("page_id")
        .annotate(score=score)
        .order_by("-score", "-page_id")[:limit]
    )
    return [ScoredCase(row["page_id"], float(row["score"])) for row in rows]
