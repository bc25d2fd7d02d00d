"""What the public "Deel je voorbeeld" form needs besides the form itself: plain-text cleaning, the photo check,
the signed start time against bots, and turning a submission into the fields of a draft case.

Nothing here writes to the database except :func:`store_photo`, which the named operation
``kernkompas.vitrine.actions.case_submissions.submit_case`` calls inside its transaction. A photo chosen in a form
that comes back with an error is kept on disk for a day (:func:`keep_photo`), outside MEDIA_ROOT, never served.
"""

from __future__ import annotations

import html
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Pillow's names for the formats we accept, and the extension a stored file gets.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# A person needs more than a few seconds to fill in a case; a bot posts at once. Settable for tests and demos.
DEFAULT_MIN_FILL_SECONDS = 8
# A form left open longer than this is stale (and its token could have been harvested).
MAX_FORM_AGE_SECONDS = 24 * 60 * 60
_TOKEN_SALT = "kernkompas.vitrine.submit"


class PhotoError(ValueError):
    """A photo we refuse, with a message for the visitor."""


@dataclass
class Submission:
    """A submission after the form's checks: plain text everywhere, never HTML from the visitor."""

    title: str
    summary: str
    place_name: str
    country: str
    size_class: str
    core_type: str
    concept: str
    approach: str
    results: str = ""
    learnings: str = ""
    themes: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    contact_name: str = ""
    contact_email: str = ""
    contact_organisation: str = ""
    photo: object | None = None  # an UploadedFile already checked by check_photo()
    photo_format: str = ""
    photo_description: str = ""


# --- Text ------------------------------------------------------------------------------------------------------


def plain_text(value: str) -> str:
    """The visitor's text without any markup: tags (and the content of script and style elements) removed,
    entities decoded, line breaks normalised. Stored as text; templates escape it when showing it."""
    value = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", value or "")
    # Line and paragraph breaks written as markup keep their meaning as plain line breaks.
    value = re.sub(r"(?i)<br\s*/?>", "\n", value)
    value = re.sub(r"(?i)</p\s*>", "\n\n", value)
    # Twice: markup written as entities ("&lt;script&gt;") must not come back as markup after decoding.
    value = strip_tags(html.unescape(strip_tags(value)))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in value.split("\n")).strip()


def one_line(value: str) -> str:
    return " ".join(plain_text(value).split())


def paragraphs_html(value: str) -> str:
    """Plain text as simple escaped paragraphs for a rich-text field: blank lines separate paragraphs,
    single line breaks become <br>. Everything the visitor typed is escaped, so no markup of theirs survives."""
    text = plain_text(value)
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join("<p>" + "<br>".join(html.escape(line) for line in block.split("\n")) + "</p>" for block in blocks)


# --- Photo -----------------------------------------------------------------------------------------------------


def check_photo(upload) -> str:
    """Check an uploaded photo by its content, not its name; return the extension to store it with.

    Raises PhotoError with a message that says what is wrong with the file.
    """
    if upload.size > MAX_PHOTO_BYTES:
        raise PhotoError(
            _("The photo “%(name)s” is %(size)s MB; the maximum is 5 MB. Choose a smaller photo or make it smaller.")
            % {"name": upload.name, "size": f"{upload.size / 1048576:.1f}"}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PhotoError(
            _("The file “%(name)s” is not a photo we can read. Upload a JPG, PNG or WebP image.")
            % {"name": upload.name}
        ) from exc
    finally:
        upload.seek(0)
    if found not in PHOTO_FORMATS:
        raise PhotoError(
            _("The file “%(name)s” is a %(format)s image; upload a JPG, PNG or WebP image.")
            % {"name": upload.name, "format": found or "?"}
        )
    return PHOTO_FORMATS[found]


def store_photo(submission: Submission):
    """Save the checked photo as a site image in the root collection, described by the submitter."""
    upload = submission.photo
    upload.seek(0)
    name = f"{slugify(submission.title)[:60] or 'voorbeeld'}.{submission.photo_format}"
    image_model = get_image_model()
    image = image_model(
        title=submission.title[:255],
        alt_text=(submission.photo_description or submission.title)[:255],
        file=SimpleUploadedFile(name, upload.read()),
        collection=Collection.get_first_root_node(),
    )
    image._set_image_file_metadata()
    image.save()
    return image


# --- A photo kept while the form is corrected ---------------------------------------------------------------------

# Kept for a day, like the form's own token; at most this many files for all visitors together (each at most
# MAX_PHOTO_BYTES), the oldest removed first, so the folder stays bounded whatever is sent.
KEPT_PHOTO_MAX_AGE = MAX_FORM_AGE_SECONDS
KEPT_PHOTO_MAX_FILES = 200
_KEPT_SALT = "kernkompas.vitrine.kept-photo"
_KEPT_NAME = re.compile(r"[0-9a-f]{32}\.(?:jpg|png|webp)")


def kept_photo_dir() -> Path:
    """Under the private upload folder (KERNKOMPAS_UPLOAD_ROOT), which no URL reaches."""
    return Path(settings.MONITOR_UPLOAD_ROOT) / "vitrine-photos"


def keep_photo(upload, extension: str) -> str:
    """Store a photo that passed :func:`check_photo` until the form is sent again; return a signed token that
    names it. The file gets a random name: the visitor's file name is only in the token, to show it."""
    folder = kept_photo_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _prune_kept_photos(folder, room_for=1)
    stored = f"{secrets.token_hex(16)}.{extension}"
    upload.seek(0)
    with open(folder / stored, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    upload.seek(0)
    name = Path(upload.name or stored).name[:100]
    return signing.dumps({"file": stored, "name": name}, salt=_KEPT_SALT, compress=True)


def kept_photo(token: str):
    """The kept photo a token names, as an uploaded file (checked again by the form), or None when the token is
    forged, older than a day or its file is gone."""
    stored = _kept_file(token)
    if stored is None:
        return None
    path, name = stored
    return SimpleUploadedFile(name, path.read_bytes())


def kept_photo_name(token: str) -> str:
    stored = _kept_file(token)
    return stored[1] if stored else ""


def forget_kept_photo(token: str) -> None:
    stored = _kept_file(token)
    if stored is not None:
        stored[0].unlink(missing_ok=True)


def _kept_file(token: str) -> tuple[Path, str] | None:
    try:
        data = signing.loads(token or "", salt=_KEPT_SALT, max_age=KEPT_PHOTO_MAX_AGE)
    except signing.BadSignature:
        return None
    stored = str(data.get("file", "")) if isinstance(data, dict) else ""
    if not _KEPT_NAME.fullmatch(stored):
        return None
    path = kept_photo_dir() / stored
    if not path.is_file():
        return None
    return path, str(data.get("name") or stored)


def _prune_kept_photos(folder: Path, room_for: int) -> None:
    """Remove kept photos older than a day, then the oldest until ``room_for`` more fit under the maximum."""
    now = time.time()
    files = []
    for path in folder.iterdir():
        try:
            modified = path.stat().st_mtime
        except FileNotFoundError:
            continue  # removed by another request meanwhile
        if now - modified > KEPT_PHOTO_MAX_AGE:
            path.unlink(missing_ok=True)
        else:
            files.append((modified, path))
    files.sort()
    for _modified, path in files[: max(0, len(files) + room_for - KEPT_PHOTO_MAX_FILES)]:
        path.unlink(missing_ok=True)


# --- The signed start time -------------------------------------------------------------------------------------


def min_fill_seconds() -> int:
    return int(getattr(settings, "VITRINE_SUBMIT_MIN_SECONDS", DEFAULT_MIN_FILL_SECONDS))


def form_token() -> str:
    """A signed token that records when the form was shown (TimestampSigner: the time is part of the signature)."""
    return signing.TimestampSigner(salt=_TOKEN_SALT).sign("vitrine-submit")


def check_form_token(token: str) -> str | None:
    """None when the form was filled in at a human pace; otherwise a message for the visitor."""
    signer = signing.TimestampSigner(salt=_TOKEN_SALT)
    try:
        signer.unsign(token or "", max_age=MAX_FORM_AGE_SECONDS)
    except signing.SignatureExpired:
        return _("This form was open for more than a day. Check your text and send it again.")
    except signing.BadSignature:
        return _("The form could not be checked. Send it again, please.")
    try:
        signer.unsign(token, max_age=min_fill_seconds())
    except signing.SignatureExpired:
        return None  # older than the minimum: a human pace
    seconds = min_fill_seconds()
    return ngettext(
        "The form was sent less than %(seconds)d second after it was opened. Check your text and send it again.",
        "The form was sent less than %(seconds)d seconds after it was opened. Check your text and send it again.",
        seconds,
    ) % {"seconds": seconds}


# --- From submission to case fields ----------------------------------------------------------------------------


def page_fields(submission: Submission) -> dict:
    return {
        "title": submission.title,
        "summary": submission.summary,
        "place_name": submission.place_name,
        "country": submission.country,
        "size_class": submission.size_class,
        "core_type": submission.core_type,
        "concept": paragraphs_html(submission.concept),
        "approach": paragraphs_html(submission.approach),
        "results": paragraphs_html(submission.results),
        "learnings": paragraphs_html(submission.learnings),
        "submitter_name": submission.contact_name,
        "submitter_email": submission.contact_email,
        "submitter_organisation": submission.contact_organisation,
        "has_unpublished_changes": True,
    }


def unique_slug(parent, title: str) -> str:
    """A slug not yet used under ``parent``: "title", then "title-2", "title-3", …"""
    base = slugify(title)[:240] or "voorbeeld"
    taken = set(Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def token_is_usable(token: str) -> bool:
    """Whether a posted token can be kept when the form is shown again (so a person need not wait again)."""
    try:
        signing.TimestampSigner(salt=_TOKEN_SALT).unsign(token or "", max_age=MAX_FORM_AGE_SECONDS)
    except signing.BadSignature:
        return False
    return True
