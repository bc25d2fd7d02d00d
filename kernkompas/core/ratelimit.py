"""A small rate limit for public forms (sign-up, log-in, password reset), kept in the cache.

Fixed window: every attempt from one client address on one form adds one to a counter that lives for the
length of the window; above the limit the form answers with a friendly 429 page until the window ends.
The cache must be shared by all worker processes (the file cache of the embedded default, or Redis), which
settings.py takes care of.

Settings (all optional):
- ``RATELIMITS = {"login": (20, 600), ...}``: attempts allowed per window in seconds, per form name.
- ``RATELIMIT_TRUSTED_PROXIES``: how many proxies in front of the site append to ``X-Forwarded-For``.
  Defaults to 1 when the site runs behind a proxy (``KERNKOMPAS_BEHIND_PROXY``), else 0 (use REMOTE_ADDR).
- ``RATELIMIT_ENABLED``: False switches every limit off (for load tests).
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


@dataclass(frozen=True)
class Rate:
    count: int  # attempts allowed per window
    seconds: int  # window length


DEFAULT_RATES: dict[str, Rate] = {
    # Generous enough for someone who mistypes a password a few times, far too slow for guessing.
    "login": Rate(20, 10 * 60),
    "signup": Rate(5, 60 * 60),
    "password_reset": Rate(5, 60 * 60),
    # "Deel je voorbeeld": a few cases an hour from one address is plenty for people, useless for spam.
    "vitrine_submit": Rate(5, 60 * 60),
}


def rate_for(name: str) -> Rate:
    configured = getattr(settings, "RATELIMITS", {}).get(name)
    if configured is not None:
        return Rate(*configured)
    return DEFAULT_RATES.get(name, Rate(10, 60 * 60))


def _trusted_proxies() -> int:
    configured = getattr(settings, "RATELIMIT_TRUSTED_PROXIES", None)
    if configured is not None:
        return int(configured)
    return 1 if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) else 0


def client_ip(request) -> str:
    """The client's address. Behind N trusted proxies it is the N-th address from the right of
    X-Forwarded-For: entries further left were written by the client itself and can be forged."""
    proxies = _trusted_proxies()
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(name: str, request, rate: Rate, now: float) -> str:
    # Hash the address: the cache then holds no personal data in readable form.
    who = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    window = int(now // rate.seconds)
    return f"ratelimit:{name}:{who}:{window}"


def hit(request, name: str) -> bool:
    """Count one attempt on form ``name``; return False when the client is over the limit."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return True
    rate = rate_for(name)
    key = _key(name, request, rate, time.time())
    cache.add(key, 0, timeout=rate.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=rate.seconds)
        count = 1
    return count <= rate.count


def seconds_left(name: str) -> int:
    rate = rate_for(name)
    return int(rate.seconds - (time.time() % rate.seconds)) or 1


def ratelimited_response(request, name: str):
    wait = seconds_left(name)
    context = {"minutes": max(1, math.ceil(wait / 60))}
    response = render(request, "core/ratelimited.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


def ratelimit(name: str, methods: tuple[str, ...] = ("POST",)):
    """Decorate a view so that each request with one of ``methods`` counts as an attempt on form ``name``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and not hit(request, name):
                return ratelimited_response(request, name)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
