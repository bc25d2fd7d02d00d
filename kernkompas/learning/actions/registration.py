"""Named operations on registrations for a session: registering (members at once, visitors after confirming their
address), confirming, cancelling (the waiting list moves up), reminders and attendance.

The arithmetic of places is exact under concurrency because every operation that gives out or frees a place runs
in ONE transaction that first locks the session's row (``select_for_update``; on the embedded SQLite every write
transaction is ``BEGIN IMMEDIATE``, which serialises them all the same way). Under that lock a confirmed
registration takes the session's next ``arrival`` number, the registered are counted, and it gets a place or a place
on the waiting list. A cancellation frees a place that goes to the waiting list's first in arrival order.

Only the hash of a registration's link secret is stored, so every e-mail that carries the personal link carries a
fresh one (``_new_link``): the newest link works, an older one answers that it is no longer valid.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kernkompas.core import audit
from kernkompas.learning import calendar, mail, tokens
from kernkompas.learning.models import ACTIVE_STATUSES, Registration, RegistrationStatus, Session, SessionStatus

logger = logging.getLogger(__name__)


class AlreadyRegistered(ValidationError):
    """The address already has an active registration for the session; its personal link was sent again."""

    def __init__(self, registration: Registration):
        super().__init__(
            _(
                "You are already registered for this session with this e-mail address. "
                "We have sent your personal link again."
            ),
            code="already_registered",
        )
        self.registration = registration


def normalise_email(email: str) -> str:
    # One registration per address: the same address in other capitals is the same person.
    return (email or "").strip().lower()


def registration_url(registration: Registration, secret: str) -> str:
    return reverse("learning:registration", kwargs={"pk": registration.pk, "secret": secret})


# --- Checks under the lock ----------------------------------------------------------------------------------------


def _locked(session: Session) -> Session:
    """The session's row, locked until the transaction ends: the one door every change of places goes through.
    Only the session's row (``of=self``): its programme is read along but not locked, so the sessions of one programme
    do not wait for each other."""
    return Session.objects.select_for_update(of=("self",)).select_related("programme").get(pk=session.pk)


def check_open(session: Session, now=None) -> None:
    """Refuse a registration for a session that is not (or no longer) open to it, saying why."""
    if session.status == SessionStatus.GEANNULEERD:
        raise ValidationError(_("This session has been cancelled; you can no longer register for it."))
    if session.status != SessionStatus.GEPUBLICEERD or not session.programme.is_public:
        raise ValidationError(_("This session is not open for registration."))
    if session.has_started(now):
        raise ValidationError(_("This session has already started or is over; you can no longer register for it."))


def _active(session: Session, email: str) -> Registration | None:
    return Registration.objects.filter(session=session, email__iexact=email, status__in=ACTIVE_STATUSES).first()


def registered_count(session: Session) -> int:
    return Registration.objects.filter(session=session, status=RegistrationStatus.INGESCHREVEN).count()


def places_left(session: Session) -> int | None:
    """Free places (None: no limit)."""
    if session.capacity is None:
        return None
    return max(0, session.capacity - registered_count(session))


def _take_place(session: Session, registration: Registration, now) -> None:
    """Give a just-confirmed registration its arrival number and a place or a place on the waiting list. Runs
    under the session's lock (see the module's docstring)."""
    Session.objects.filter(pk=session.pk).update(arrivals=F("arrivals") + 1)
    session.refresh_from_db(fields=["arrivals"])
    registration.arrival = session.arrivals
    registration.confirmed_at = now
    full = session.capacity is not None and registered_count(session) >= session.capacity
    registration.status = RegistrationStatus.WACHTLIJST if full else RegistrationStatus.INGESCHREVEN


def fill_places(session: Session, now=None) -> list[Registration]:
    """Move the waiting list up while places are free (after a cancellation or a larger capacity): the first in
    arrival order first. Call under the session's lock; returns the promoted registrations (their mail follows
    on commit)."""
    now = now or timezone.now()
    if session.has_started(now) or session.status != SessionStatus.GEPUBLICEERD:
        return []
    waiting = Registration.objects.filter(session=session, status=RegistrationStatus.WACHTLIJST).order_by("arrival")
    free = None if session.capacity is None else session.capacity - registered_count(session)
    promoted = list(waiting if free is None else waiting[: max(0, free)])
    for registration in promoted:
        registration.status = RegistrationStatus.INGESCHREVEN
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        audit.record(None, "learning.registration_promoted", registration, gemeente=session.gemeente)
        _mail_on_commit("learning/emails/registration_promoted", registration)
    return promoted


def move_up(session: Session) -> list[Registration]:
    """Give free places to the waiting list in its own locked transaction: for the staff's operations after they
    raise a session's capacity (or remove its limit)."""
    with transaction.atomic():
        return fill_places(_locked(session))


# --- Mail ----------------------------------------------------------------------------------------------------------


def _new_link(registration: Registration) -> str:
    """A fresh personal link (its hash replaces the stored one, so earlier links stop working)."""
    secret, secret_hash = tokens.new_secret()
    Registration.objects.filter(pk=registration.pk).update(secret_hash=secret_hash)
    registration.secret_hash = secret_hash
    return mail.absolute(registration_url(registration, secret))


def _context(registration: Registration, link: str) -> dict:
    session = registration.session
    return {
        "registration": registration,
        "session": session,
        "programme": session.programme,
        "personal_url": link,
        "session_url": mail.absolute(session.get_absolute_url()),
        "ics_url": mail.absolute(reverse("learning:session_ics", kwargs=_session_kwargs(session))),
    }


def _session_kwargs(session: Session) -> dict:
    return {"programme": session.programme.slug, "slug": session.slug}


def _mail_on_commit(template: str, registration: Registration, link: str = "") -> None:
    """Send ``template`` to the registration's address once the transaction has committed (a refused or rolled-back
    change sends nothing). Without ``link`` a fresh personal link is made first."""

    def send():
        try:
            mail.send(template, _context(registration, link or _new_link(registration)), registration.email)
        except Exception:  # a mail server that is down must not undo a registration that is saved
            logger.exception("learning: could not send %s for registration %s", template, registration.pk)

    transaction.on_commit(send)


# --- Registering ---------------------------------------------------------------------------------------------------


def register_member(session: Session, user, *, organisation: str = "") -> Registration:
    """A member registers with one click: name and address from the account, confirmed at once (the address was
    confirmed when the account was made), so the registration takes a place or a place on the waiting list."""
    email = normalise_email(user.email)
    if not email:
        raise ValidationError(_("Your account has no e-mail address; add one to your profile to register."))
    name = (user.get_full_name() or user.get_username())[:120]
    return _register(session, user=user, name=name, email=email, organisation=organisation, confirmed=True)


def register_guest(session: Session, *, name: str, email: str, organisation: str = "") -> Registration:
    """A visitor without an account registers: the registration waits for the confirmation of the address (the
    e-mail with the personal link) and takes no place until then."""
    return _register(session, user=None, name=name, email=normalise_email(email), organisation=organisation)


def _register(session, *, user, name, email, organisation, confirmed=False) -> Registration:
    now = timezone.now()
    try:
        with transaction.atomic():
            session = _locked(session)
            check_open(session, now)
            existing = _active(session, email)
            if existing is not None:
                existing.session = session
                raise AlreadyRegistered(existing)
            secret, secret_hash = tokens.new_secret()
            registration = Registration(
                session=session,
                user=user,
                name=name.strip(),
                email=email,
                organisation=organisation.strip(),
                secret_hash=secret_hash,
            )
            if confirmed:
                _take_place(session, registration, now)
            registration.save()
            audit.record(user, "learning.registration_created", registration, gemeente=session.gemeente)
            link = mail.absolute(registration_url(registration, secret))
            template = "learning/emails/registration_status" if confirmed else "learning/emails/registration_confirm"
            _mail_on_commit(template, registration, link)
    except AlreadyRegistered as refusal:
        # The refusal rolled the transaction back; the link is sent again in one of its own.
        with transaction.atomic():
            _mail_on_commit("learning/emails/registration_again", refusal.registration)
        raise
    except IntegrityError as error:
        # Only a second active registration for the address can collide here (the lock makes it rare).
        raise ValidationError(_("You are already registered for this session with this e-mail address.")) from error
    registration.secret = secret  # for the page the visitor lands on (never stored)
    return registration


def confirm(registration: Registration) -> Registration:
    """The address is confirmed (the button on the personal page): the registration takes a place or a place on
    the waiting list. Confirming twice changes nothing."""
    now = timezone.now()
    with transaction.atomic():
        session = _locked(registration.session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.session = session
        if registration.status != RegistrationStatus.WACHT_OP_BEVESTIGING:
            return registration
        check_open(session, now)
        _take_place(session, registration, now)
        registration.save(update_fields=["status", "arrival", "confirmed_at"])
        audit.record(registration.user, "learning.registration_confirmed", registration, gemeente=session.gemeente)
    return registration


def cancel(registration: Registration, by=None) -> Registration:
    """Cancel a registration (from the personal link, or a member from the session page). A place it held goes to
    the first on the waiting list, who gets an e-mail. Cancelling twice changes nothing."""
    now = timezone.now()
    with transaction.atomic():
        session = _locked(registration.session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.session = session
        if registration.status == RegistrationStatus.GEANNULEERD:
            return registration
        if session.has_started(now):
            raise ValidationError(_("This session has already started; a registration can no longer be cancelled."))
        registration.status = RegistrationStatus.GEANNULEERD
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        audit.record(by, "learning.registration_cancelled", registration, gemeente=session.gemeente)
        fill_places(session, now)
    return registration


# --- Reminders -----------------------------------------------------------------------------------------------------


def due_for_reminder(now=None, hours: int = 24):
    """Registrations with a place in a published session that starts within ``hours`` and has no reminder yet."""
    now = now or timezone.now()
    return (
        Registration.objects.filter(
            status=RegistrationStatus.INGESCHREVEN,
            reminder_sent_at__isnull=True,
            session__status=SessionStatus.GEPUBLICEERD,
            session__starts_at__gt=now,
            session__starts_at__lte=now + datetime.timedelta(hours=hours),
        )
        .select_related("session", "session__programme")
        .order_by("session__starts_at", "arrival")
    )


def send_reminder(registration: Registration, now=None, connection=None) -> bool:
    """Send one reminder with the session's .ics and a fresh personal link, exactly once: the registration is
    claimed (``reminder_sent_at``) by one conditional update before the message goes, so two runs at once never
    both send it; if sending fails the claim is given back for the next run."""
    now = now or timezone.now()
    secret, secret_hash = tokens.new_secret()
    claimed = Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
        reminder_sent_at=now, secret_hash=secret_hash
    )
    if not claimed:
        return False
    link = mail.absolute(registration_url(registration, secret))
    try:
        message = mail.build("learning/emails/reminder", _context(registration, link), registration.email)
        message.attach("sessie.ics", calendar.session_ics(registration.session), "text/calendar; charset=utf-8")
        message.connection = connection
        message.send()
    except Exception:
        Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
        raise
    Session.objects.filter(pk=registration.session_id, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
    return True


# --- Attendance ----------------------------------------------------------------------------------------------------


def _registration_ids(values) -> set[int]:
    """The ticked ids as numbers; ValueError for anything that is not a plain id. A number too large for the
    database (a tampered form) is refused here: the database would fail on it instead of finding nothing."""
    ids = set()
    for value in values:
        text = str(value)
        if not text.isdigit() or len(text) > 18:
            raise ValueError(text[:30])
        ids.add(int(text))
    return ids


def record_attendance(session: Session, present_ids, by) -> int:
    """Record who attended (the ticked registrations with a place) and who did not (the others with a place), once
    the session has started. Returns how many attended."""
    if not session.has_started():
        raise ValidationError(_("Attendance can be recorded once the session has started."))
    present_ids = _registration_ids(present_ids)
    with transaction.atomic():
        registered = Registration.objects.filter(session=session, status=RegistrationStatus.INGESCHREVEN)
        attended = registered.filter(pk__in=present_ids).update(attended=True)
        registered.exclude(pk__in=present_ids).update(attended=False)
        audit.record(
            by, "learning.attendance_recorded", session, gemeente=session.gemeente, changes={"attended": attended}
        )
    return attended
