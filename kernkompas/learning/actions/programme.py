"""Running the learning programme: theme frameworks and their themes, programmes, sessions (create, change,
publish, cancel), their materials, and their links to Vitrine cases and Kernmonitor indicators.

Each operation checks who may do it (``kernkompas.learning.access``), owns its transaction and writes the audit log.
A value that does not fit (an end before the start, a capacity of 0, a link that is not http(s), an area of a
municipality the programme does not cover) is refused with a ``ValidationError`` naming the field, and nothing is
saved. A change of the date, time, place or format of a published session raises ``Session.sequence``, so that
calendar apps replace the event; cancelling a published session e-mails everyone who holds a place or waits for one,
once the cancellation is committed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from kernkompas.accounts import permissions
from kernkompas.core import audit, parts
from kernkompas.learning import access, mail
from kernkompas.learning.actions import registration as registrations
from kernkompas.learning.models import (
    LearningTheme,
    Material,
    MaterialKind,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    SessionFormat,
    SessionKind,
    SessionStatus,
    ThemeFramework,
)
from kernkompas.learning.models.programme import MAX_CAPACITY

FRAMEWORK_FIELDS = ("name", "description", "order")
THEME_FIELDS = ("name", "description", "vitrine_theme", "order")
PROGRAMME_FIELDS = ("title", "description", "gemeente", "regio", "framework", "is_public")
SESSION_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "format",
    "location",
    "meeting_url",
    "meeting_link_opens_minutes",
    "speakers",
    "capacity",
    "gebied",
    "advice_open",
)
SHARE_FIELDS = ("share_dashboard", "share_dna", "share_plan")
#: What a calendar app shows: a change of one of these in a published session is a new version of the event.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "format", "location")
MATERIAL_FIELDS = ("kind", "timing", "title", "url", "text", "is_public")
MATERIAL_DOCUMENT = "document"  # chosen from the library in the back office; uploaded on the staff page
MAX_LINKS = 50  # cases, themes or indicators on one session or material
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
SLUG_MAX = 90


def _unique_slug(queryset, title: str, exclude_pk=None) -> str:
    base = slugify(title)[:SLUG_MAX] or "sessie"
    taken = set(queryset.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base[: SLUG_MAX - 6]}-{number}"
    return slug


def check_web_link(value: str, field: str) -> None:
    """Only http(s) links reach a page: ``javascript:`` and ``data:`` links would run in a participant's browser."""
    if value and urlsplit(value).scheme.lower() not in ("http", "https"):
        raise ValidationError({field: _("Give a web address that starts with https:// or http://.")})


# --- Theme frameworks and themes (editors) ---------------------------------------------------------------------


def _require_editor(by) -> None:
    if not access.can_manage_frameworks(by):
        raise PermissionDenied


@transaction.atomic
def create_framework(by, values: dict) -> ThemeFramework:
    _require_editor(by)
    framework = ThemeFramework()
    audit.apply_changes(framework, FRAMEWORK_FIELDS, values)
    framework.full_clean()
    framework.save()
    audit.record(by, "learning.framework_created", framework)
    return framework


@transaction.atomic
def change_framework(by, framework: ThemeFramework, values: dict) -> None:
    _require_editor(by)
    changes = audit.apply_changes(framework, FRAMEWORK_FIELDS, values)
    framework.full_clean()
    framework.save()
    audit.record(by, "learning.framework_changed", framework, changes=changes)


@transaction.atomic
def remove_framework(by, framework: ThemeFramework) -> None:
    """Remove a framework and its themes; the default one stays (new programmes start from it)."""
    _require_editor(by)
    if framework.is_default:
        raise ValidationError(_("The default framework cannot be removed."))
    audit.record(by, "learning.framework_removed", framework)
    framework.delete()


@transaction.atomic
def create_theme(by, framework: ThemeFramework, values: dict) -> LearningTheme:
    _require_editor(by)
    theme = LearningTheme(framework=framework)
    audit.apply_changes(theme, THEME_FIELDS, values)
    theme.slug = _unique_slug(framework.themes.all(), theme.name)
    _clean_theme(theme)
    theme.save()
    audit.record(by, "learning.theme_created", theme)
    return theme


@transaction.atomic
def change_theme(by, theme: LearningTheme, values: dict) -> None:
    _require_editor(by)
    changes = audit.apply_changes(theme, THEME_FIELDS, values)
    _clean_theme(theme)
    theme.save()
    audit.record(by, "learning.theme_changed", theme, changes=changes)


def _clean_theme(theme: LearningTheme) -> None:
    if theme.framework.themes.exclude(pk=theme.pk).filter(name__iexact=theme.name).exists():
        raise ValidationError({"name": _("This framework already has a theme with this name.")})
    theme.full_clean(validate_constraints=False)


@transaction.atomic
def remove_theme(by, theme: LearningTheme) -> None:
    """Remove a theme; sessions and materials tagged with it lose the tag."""
    _require_editor(by)
    audit.record(by, "learning.theme_removed", theme)
    theme.delete()


# --- Programmes ------------------------------------------------------------------------------------------------


def _check_programme(by, programme: Programme) -> None:
    if programme.gemeente is None:
        if not permissions.is_redactie(by):
            message = _("Choose your municipality: platform-wide programmes are for editors.")
            raise ValidationError({"gemeente": message})
    elif not (permissions.is_redactie(by) or permissions.can_manage_gemeente(by, programme.gemeente)):
        raise ValidationError({"gemeente": _("Choose a municipality you work for.")})
    if programme.regio is not None:
        if programme.gemeente is None:
            raise ValidationError({"regio": _("A regional programme is owned by one of the region's municipalities.")})
        if not programme.regio.gemeenten.filter(pk=programme.gemeente_id).exists():
            raise ValidationError({"regio": _("Choose a region this municipality belongs to.")})
    programme.full_clean(exclude=["slug", "created_by"])


@transaction.atomic
def create_programme(by, values: dict) -> Programme:
    if not access.can_create_programmes(by):
        raise PermissionDenied
    programme = Programme(created_by=by)
    audit.apply_changes(programme, PROGRAMME_FIELDS, values)
    if programme.framework is None:
        programme.framework = ThemeFramework.objects.filter(is_default=True).first()
    _check_programme(by, programme)
    programme.slug = _unique_slug(Programme.objects.all(), programme.title)
    programme.save()
    audit.record(by, "learning.programme_created", programme, gemeente=programme.gemeente)
    return programme


@transaction.atomic
def change_programme(by, programme: Programme, values: dict) -> None:
    if not access.can_run_programme(by, programme):
        raise PermissionDenied
    changes = audit.apply_changes(programme, PROGRAMME_FIELDS, values)
    _check_programme(by, programme)
    programme.save()
    audit.record(by, "learning.programme_changed", programme, gemeente=programme.gemeente, changes=changes)


# --- Sessions --------------------------------------------------------------------------------------------------


def theme_choices(programme: Programme):
    """The themes a session of this programme may carry: those of its framework (all, without one)."""
    themes = LearningTheme.objects.select_related("framework")
    return themes.filter(framework=programme.framework) if programme.framework_id else themes


def _check_times(session: Session) -> None:
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})


def _check_capacity(capacity) -> None:
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        message = _("Give a capacity from 1 to %(max)s, or leave it empty for no limit.") % {"max": MAX_CAPACITY}
        raise ValidationError({"capacity": message})


def _check_place(session: Session) -> None:
    if session.format in (SessionFormat.LOCATIE, SessionFormat.HYBRIDE) and not session.location.strip():
        raise ValidationError({"location": _("Give the address: the session takes place on location.")})
    check_web_link(session.meeting_url, "meeting_url")


def _check_intervision(session: Session) -> None:
    if session.kind != SessionKind.INTERVISIE:
        session.gebied = None
        session.kern = None
        return
    if session.gebied is None:
        raise ValidationError({"gebied": _("Choose the area at the centre of the intervision.")})
    if not access.gebieden_for(session.programme).filter(pk=session.gebied.pk).exists():
        raise ValidationError({"gebied": _("Choose an area of a municipality this programme is for.")})
    session.kern = session.gebied.kern


def _apply_sharing(by, session: Session, values: dict, area_changed: bool) -> dict:
    """The share flags are the area's municipality's decision: others may turn sharing off, never on. A new area
    shares nothing until its municipality says so."""
    may_decide = access.can_decide_sharing(by, session.gebied)
    if area_changed and not may_decide:
        for name in SHARE_FIELDS:
            setattr(session, name, False)
    wanted = {name: values[name] for name in SHARE_FIELDS if name in values}
    for name, value in wanted.items():
        if value and not getattr(session, name) and not may_decide:
            raise ValidationError(
                {name: _("Only staff of the area's municipality decide what the intervision shares.")}
            )
    return audit.apply_changes(session, SHARE_FIELDS, wanted)


def _check_links(programme: Programme, relations: dict, current=None) -> dict:
    """Themes of the programme's framework, live public cases, known indicators; bounded in number."""
    found = {}
    if "themes" in relations:
        themes = list(relations["themes"] or [])
        allowed = set(theme_choices(programme).values_list("pk", flat=True))
        if len(themes) > MAX_LINKS or any(theme.pk not in allowed for theme in themes):
            raise ValidationError({"themes": _("Choose themes of the programme's framework.")})
        found["themes"] = themes
    if "cases" in relations:
        ids = [int(pk) for pk in relations["cases"] or []]
        known = {pk for pk, _title, _url in parts.case_choices(1000)}
        known |= set(current.cases.values_list("pk", flat=True)) if current is not None and current.pk else set()
        if len(ids) > MAX_LINKS or not set(ids) <= known:
            raise ValidationError({"cases": _("Choose published Vitrine cases.")})
        found["cases"] = ids
    if "indicator_codes" in relations:
        codes = list(dict.fromkeys(relations["indicator_codes"] or []))
        known = {row[0] for row in parts.indicator_catalogue()}
        if len(codes) > MAX_LINKS or not set(codes) <= known:
            raise ValidationError({"indicator_codes": _("Choose indicators of the Kernmonitor.")})
        found["indicator_codes"] = codes
    return found


def _set_links(obj, links: dict) -> dict:
    changes = {}
    if "themes" in links:
        obj.themes.set(links["themes"])
        changes["themes"] = sorted(theme.pk for theme in links["themes"])
    if "cases" in links:
        obj.cases.set(links["cases"])
        changes["cases"] = sorted(links["cases"])
    return changes


def _validate_session(session: Session) -> None:
    _check_times(session)
    _check_capacity(session.capacity)
    _check_place(session)
    _check_intervision(session)
    session.full_clean(exclude=["slug", "created_by", "programme", "cases", "themes", "gebied", "kern"])


@transaction.atomic
def create_session(by, programme: Programme, values: dict, relations: dict | None = None) -> Session:
    """A new draft session of ``programme``. ``relations``: ``themes``, ``cases`` (page ids), ``indicator_codes``."""
    if not access.can_run_programme(by, programme):
        raise PermissionDenied
    session = Session(programme=programme, created_by=by, share_dashboard=False, share_dna=False, share_plan=False)
    audit.apply_changes(session, SESSION_FIELDS, values)
    _validate_session(session)
    _apply_sharing(by, session, values, area_changed=False)
    links = _check_links(programme, relations or {})
    session.indicator_codes = links.get("indicator_codes", [])
    session.slug = _unique_slug(programme.sessions.all(), session.title)
    session.save()
    _set_links(session, links)
    audit.record(by, "learning.session_created", session, gemeente=programme.gemeente)
    return session


@transaction.atomic
def change_session(by, session: Session, values: dict, relations: dict | None = None) -> None:
    if not access.can_run_programme(by, session.programme):
        raise PermissionDenied
    session = Session.objects.select_for_update().get(pk=session.pk)
    old_gebied = session.gebied_id
    changes = audit.apply_changes(session, SESSION_FIELDS, values)
    _validate_session(session)
    changes |= _apply_sharing(by, session, values, area_changed=session.gebied_id != old_gebied)
    links = _check_links(session.programme, relations or {}, current=session)
    if "indicator_codes" in links and links["indicator_codes"] != session.indicator_codes:
        changes["indicator_codes"] = [session.indicator_codes, links["indicator_codes"]]
        session.indicator_codes = links["indicator_codes"]
    if session.is_published:
        _check_publishable(session)
        if any(name in changes for name in SCHEDULE_FIELDS):
            session.sequence += 1
    if "capacity" in changes:
        _check_capacity_fits(session)
    session.save()
    changes |= _set_links(session, links)
    if "capacity" in changes:
        # More places (or no limit any more): the waiting list moves up at once, in arrival order, with the e-mail.
        registrations.fill_places(session)
    audit.record(by, "learning.session_changed", session, gemeente=session.programme.gemeente, changes=changes)


def _check_capacity_fits(session: Session) -> None:
    """A smaller capacity may not take places away from people who already have one."""
    taken = registrations.registered_count(session)
    if session.capacity is not None and session.capacity < taken:
        message = _("%(n)s people already have a place: the capacity cannot be less than that.") % {"n": taken}
        raise ValidationError({"capacity": message})


def _check_publishable(session: Session) -> None:
    if session.format in (SessionFormat.ONLINE, SessionFormat.HYBRIDE) and not session.meeting_url:
        raise ValidationError({"meeting_url": _("Give the meeting link: the session takes place online.")})
    _check_place(session)


@transaction.atomic
def publish_session(by, session: Session) -> None:
    """Put a draft session on the programme: registration opens. Facilitators prepare, they do not publish."""
    if not access.can_publish_in(by, session.programme):
        raise PermissionDenied
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.CONCEPT:
        raise ValidationError(_("Only a draft session can be published."))
    _check_publishable(session)
    session.status = SessionStatus.GEPUBLICEERD
    session.save(update_fields=["status", "updated_at"])
    audit.record(by, "learning.session_published", session, gemeente=session.programme.gemeente)


@transaction.atomic
def cancel_session(by, session: Session) -> int:
    """Cancel a session; if it was published, everyone with a place or on the waiting list hears it by e-mail
    once the cancellation is committed. Returns the number of people e-mailed."""
    if not access.can_publish_in(by, session.programme):
        raise PermissionDenied
    session = Session.objects.select_for_update().select_related("programme").get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("This session has already been cancelled."))
    was_published = session.is_published
    session.status = SessionStatus.GEANNULEERD
    if was_published:
        session.sequence += 1  # calendar apps show the event as cancelled
    session.save(update_fields=["status", "sequence", "updated_at"])
    recipients = []
    if was_published:
        recipients = list(
            session.registrations.filter(
                status__in=[RegistrationStatus.INGESCHREVEN, RegistrationStatus.WACHTLIJST]
            ).values_list("pk", flat=True)
        )
    audit.record(
        by,
        "learning.session_cancelled",
        session,
        gemeente=session.programme.gemeente,
        changes={"notified": len(recipients)},
    )
    if recipients:
        transaction.on_commit(lambda: _mail_cancellation(session.pk, recipients))
    return len(recipients)


def _programme_link(programme: Programme) -> str:
    """The programme's public page for the e-mail; the part's index while that page is not there (private)."""
    try:
        path = programme.get_absolute_url() if programme.is_public else reverse("learning:index")
    except NoReverseMatch:
        path = "/leren/"
    return mail.absolute(path)


def _mail_cancellation(session_pk: int, registration_pks: list[int]) -> None:
    session = Session.objects.select_related("programme").get(pk=session_pk)
    for registration in Registration.objects.filter(pk__in=registration_pks):
        context = {
            "session": session,
            "name": registration.name,
            "was_waiting": registration.status == RegistrationStatus.WACHTLIJST,
            "programme_url": _programme_link(session.programme),
        }
        mail.send("learning/emails/session_cancelled", context, registration.email)


@transaction.atomic
def remove_unused(by, obj: Programme | Session) -> None:
    """Delete (from the back office) a draft session nobody registered for, or a programme without published
    sessions: what participants may have seen is cancelled, never deleted."""
    if not permissions.is_redactie(by):
        raise PermissionDenied
    if isinstance(obj, Session):
        if obj.status != SessionStatus.CONCEPT or obj.registrations.exists():
            raise ValidationError(_("Only a draft session without registrations can be deleted; cancel it instead."))
        gemeente = obj.programme.gemeente
    else:
        if obj.sessions.exclude(status=SessionStatus.CONCEPT).exists():
            raise ValidationError(_("A programme with published sessions cannot be deleted."))
        gemeente = obj.gemeente
    audit.record(by, "learning.backoffice_deleted", obj, gemeente=gemeente)
    obj.delete()


# --- Materials -------------------------------------------------------------------------------------------------


def _check_material(material: Material, upload) -> None:
    check_web_link(material.url, "url")
    if material.kind == MaterialKind.OPNAME and not material.url:
        raise ValidationError({"url": _("Give the link to the recording.")})
    if material.kind == MaterialKind.VERSLAG and not material.text.strip() and not material.url:
        raise ValidationError({"text": _("Write the notes, or give a link to them.")})
    if material.kind == MaterialKind.SLIDES and not (material.url or material.document_id or upload):
        raise ValidationError({"upload": _("Upload the slides, or give a link to them.")})
    if upload is not None and upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"upload": _("The file is larger than 50 MB.")})
    material.full_clean(exclude=["session", "document", "themes", "cases"])


def _store_document(by, title: str, upload):
    """The uploaded slides as a document of the back office's library (Wagtail checks the file extension)."""
    document = get_document_model()(title=title[:255], file=upload, uploaded_by_user=by)
    try:
        document.full_clean(exclude=["collection", "file_hash", "file_size"])
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from error
    document.save()
    return document


@transaction.atomic
def add_material(by, session: Session, values: dict, relations: dict | None = None, upload=None) -> Material:
    if not access.can_run_programme(by, session.programme):
        raise PermissionDenied
    material = Material(session=session)
    audit.apply_changes(material, (*MATERIAL_FIELDS, MATERIAL_DOCUMENT), values)
    _check_material(material, upload)
    links = _check_links(session.programme, relations or {})
    if upload is not None:
        material.document = _store_document(by, material.title, upload)
    material.order = (session.materials.aggregate(top=Max("order"))["top"] or 0) + 1
    material.published_at = timezone.now()
    material.save()
    _set_links(material, links)
    audit.record(by, "learning.material_added", material, gemeente=session.programme.gemeente)
    return material


@transaction.atomic
def change_material(by, material: Material, values: dict, relations: dict | None = None, upload=None) -> None:
    session = material.session
    if not access.can_run_programme(by, session.programme):
        raise PermissionDenied
    changes = audit.apply_changes(material, (*MATERIAL_FIELDS, MATERIAL_DOCUMENT), values)
    _check_material(material, upload)
    links = _check_links(session.programme, relations or {}, current=material)
    if upload is not None:
        material.document = _store_document(by, material.title, upload)
        changes["document"] = material.document.pk
    material.save()
    changes |= _set_links(material, links)
    audit.record(by, "learning.material_changed", material, gemeente=session.programme.gemeente, changes=changes)


@transaction.atomic
def remove_material(by, material: Material) -> None:
    """Remove a material (an uploaded document stays in the library, where other pages may use it)."""
    if not access.can_run_programme(by, material.session.programme):
        raise PermissionDenied
    audit.record(by, "learning.material_removed", material, gemeente=material.session.programme.gemeente)
    material.delete()


@transaction.atomic
def move_material(by, material: Material, direction: int) -> bool:
    """Swap a material with the one before (-1) or after (+1) of the same moment; False at either end."""
    if not access.can_run_programme(by, material.session.programme):
        raise PermissionDenied
    siblings = material.session.materials.filter(timing=material.timing).select_for_update().order_by("order", "pk")
    ordered = list(siblings)
    index = next(i for i, other in enumerate(ordered) if other.pk == material.pk)
    target = index + direction
    if direction not in (-1, 1) or not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for number, other in enumerate(ordered, start=1):
        if other.order != number:
            Material.objects.filter(pk=other.pk).update(order=number)
    audit.record(by, "learning.material_moved", material, gemeente=material.session.programme.gemeente)
    return True
