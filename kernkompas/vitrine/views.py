from django.shortcuts import render


def case_list(request, page):
    return render(request, "vitrine/case_list.html", {"page": page})
