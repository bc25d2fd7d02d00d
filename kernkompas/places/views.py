from django.shortcuts import get_object_or_404, render

from kernkompas.places.models import Gemeente, Kern


def index(request):
    return render(request, "places/index.html", {"results": Gemeente.objects.search(request.GET.get("q", ""))})


def gemeente_detail(request, slug):
    return render(request, "places/gemeente.html", {"gemeente": get_object_or_404(Gemeente, slug=slug)})


def kern_detail(request, gemeente, slug):
    kern = get_object_or_404(Kern, gemeente__slug=gemeente, slug=slug)
    return render(request, "places/kern.html", {"kern": kern})
