"""Rate limits for public forms (sign-up, log-in, password reset, case submissions), counted in the database.

Fixed window: each attempt on a form adds one to a counter for (form, client address, window); above the limit
the form answers with a friendly 429 page until the window ends. A counter is one row of
``core.RateLimitCounter``, raised by one atomic statement (``INSERT … ON CONFLICT DO UPDATE … RETURNING``), so
attempts arriving at the same moment in several processes or app servers are all counted, on the embedded
SQLite default as on PostgreSQL. When a new window starts, the rows of windows that have ended are deleted.

Two ways to use it:

- ``@ratelimit("signup")`` on a view: every POST is an attempt (sign-up, password reset, submissions).
- ``attempt(request, "login", account=username)``, then ``.succeeded()`` when it went well: only failures count.
  The attempt is counted *before* the work, so that requests arriving together cannot all slip under the limit,
  and given back on success. With ``account``, a second limit ``<name>_account`` counts the attempts at that
  account from any address.

Settings (all optional):
- ``RATELIMITS = {"login": (20, 600), ...}``: attempts allowed per window in seconds, per limit name.
- ``RATELIMIT_TRUSTED_PROXIES``: how many proxies in front of the site append to ``X-Forwarded-For``.
  Defaults to 1 when the site runs behind a proxy (``KERNKOMPAS_BEHIND_PROXY``), else 0 (use REMOTE_ADDR).
- ``RATELIMIT_ENABLED``: False switches every limit off (for load tests).
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from kernkompas.core.models import RateLimitCounter


@dataclass(frozen=True)
class Rate:
    count: int  # attempts allowed per window
    seconds: int  # window length


DEFAULT_RATES: dict[str, Rate] = {
    # Failed log-ins from one address: generous for an office full of people who mistype, far too slow for guessing.
    "login": Rate(20, 10 * 60),
    # Failed log-ins at one account from any address. Short, so that someone who tries another's account cannot
    # keep its owner out for long; the owner can also reset the password, which clears it.
    "login_account": Rate(10, 15 * 60),
    "signup": Rate(5, 60 * 60),
    "password_reset": Rate(5, 60 * 60),
    # "Deel je voorbeeld": a few cases an hour from one address is plenty for people, useless for spam.
    "vitrine_submit": Rate(5, 60 * 60),
    # The page behind an invitation link, per address (every view and post counts): enough to read, log in and
    # accept a few times over, far too few to guess a link.
    "invitation": Rate(30, 60 * 60),
    # Invitations sent (and sent again) from the back office: per address, and per inviting user.
    "invite": Rate(100, 60 * 60),
    "invite_account": Rate(30, 60 * 60),
    # Binnenstadslab: wrong lab codes from one address (a right code gives its attempt back, so a room of 200 phones
    # behind the venue's one address is never held up); far too few to guess one of ~900 million codes.
    "lab_join": Rate(20, 10 * 60),
    # Notes of one lab participant (counted per participant, not per address: the room shares one).
    "lab_note": Rate(30, 60),
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


def account_name(typed: str) -> str:
    """What one account is counted under: the name as typed, the way the log-in looks it up (trimmed, any case).
    Not the account it finds, so that the limit behaves the same for names that have no account."""
    return typed.strip().casefold()


# --- Counters --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    name: str
    key: str
    ends_at: int  # Unix time


def _digest(who: str) -> str:
    # Keyed with the secret key: the table holds no address or user name, and hashing all four billion IPv4
    # addresses does not turn it back into one.
    return salted_hmac("kernkompas.core.ratelimit", who).hexdigest()[:32]


def _window(name: str, who: str, now: float) -> Window:
    seconds = rate_for(name).seconds
    number = int(now // seconds)
    return Window(name, f"{name}:{_digest(who)}:{number}", (number + 1) * seconds)


def _add_one(window: Window, now: float) -> int:
    """Add one to the window's counter in one statement and return the new count, whoever else is counting."""
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    key, hits, ends_at = (connection.ops.quote_name(column) for column in ("key", "hits", "ends_at"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {hits}, {ends_at}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key}) DO UPDATE SET {hits} = {table}.{hits} + 1 RETURNING {hits}",
            [window.key, window.ends_at],
        )
        count = cursor.fetchone()[0]
    if count == 1:
        # A window has started: the ones that have ended go, so the table holds only the windows now running.
        RateLimitCounter.objects.filter(ends_at__lte=int(now)).delete()
    return count


class Limited(Exception):
    """Over the limit ``name``; ``seconds_left`` until its window ends."""

    def __init__(self, name: str, seconds_left: int):
        super().__init__(name)
        self.name = name
        self.seconds_left = seconds_left

    @property
    def for_account(self) -> bool:
        return self.name.endswith("_account")


@dataclass(frozen=True)
class Attempt:
    windows: tuple[Window, ...] = ()

    def succeeded(self) -> None:
        """The attempt went well (a correct password): it does not count against the limits."""
        for window in self.windows:
            RateLimitCounter.objects.filter(key=window.key, hits__gt=0).update(hits=F("hits") - 1)


def attempt(request, name: str, account: str | None = None) -> Attempt:
    """Count one attempt on form ``name`` from the request's address and, with ``account``, one at that account
    (limit ``<name>_account``). Raises ``Limited`` when either is over its limit."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return Attempt()
    limits = [(name, client_ip(request))]
    if account and account_name(account):
        limits.append((f"{name}_account", account_name(account)))
    now = time.time()
    counted = []
    for limit, who in limits:
        window = _window(limit, who, now)
        counted.append(window)
        if _add_one(window, now) > rate_for(limit).count:
            raise Limited(limit, max(1, math.ceil(window.ends_at - now)))
    return Attempt(tuple(counted))


def over_limit(request, name: str) -> Limited | None:
    """Whether the request's address is already over limit ``name``, without counting an attempt: for a page that
    counts only failures but must not answer differently to a right guess once the limit is reached."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return None
    now = time.time()
    window = _window(name, client_ip(request), now)
    hits = RateLimitCounter.objects.filter(key=window.key).values_list("hits", flat=True).first() or 0
    if hits >= rate_for(name).count:
        return Limited(name, max(1, math.ceil(window.ends_at - now)))
    return None


def attempt_as(name: str, who: str) -> Attempt:
    """Count one attempt on ``name`` by ``who`` (e.g. ``"participant:12"``) instead of the client's address, for
    people who share one address (a room on the venue's Wi-Fi). Raises ``Limited`` when over the limit."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return Attempt()
    now = time.time()
    window = _window(name, who, now)
    if _add_one(window, now) > rate_for(name).count:
        raise Limited(name, max(1, math.ceil(window.ends_at - now)))
    return Attempt((window,))


def forget_account(name: str, account: str) -> None:
    """Start the account limit of form ``name`` afresh for ``account`` (its owner has just proved who they are)."""
    prefix = f"{name}_account:{_digest(account_name(account))}:"
    RateLimitCounter.objects.filter(key__startswith=prefix).delete()


# --- Views -----------------------------------------------------------------------------------------------------


def ratelimited_response(request, limited: Limited):
    context = {
        "minutes": max(1, math.ceil(limited.seconds_left / 60)),
        "for_account": limited.for_account,
        # The error pages' way back (core/includes/ways_on.html): the form the visitor was sending.
        "back_url": request.path,
    }
    response = render(request, "core/ratelimited.html", context, status=429)
    response["Retry-After"] = str(limited.seconds_left)
    return response


def ratelimit(name: str, methods: tuple[str, ...] = ("POST",)):
    """Decorate a view so that each request with one of ``methods`` counts as an attempt on form ``name``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                try:
                    attempt(request, name)
                except Limited as limited:
                    return ratelimited_response(request, limited)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
