from django.db.models import Count, Q
from django.shortcuts import render

from kernkompas.places.models import Gemeente, Kern


def home(request):
    current = Gemeente.objects.current()
    context = {
        "counts": current.aggregate(
            gemeenten=Count("pk"),
            be=Count("pk", filter=Q(country__code="BE")),
            nl=Count("pk", filter=Q(country__code="NL")),
        )
        | {"kernen": Kern.objects.count()},
        "demo_gemeenten": current.filter(is_demo=True).order_by("name_nl")[:6],
    }
    return render(request, "core/home.html", context)
