from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def signup(request):
    return render(request, "accounts/signup.html", {})


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {})
