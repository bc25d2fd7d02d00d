"""Checking an attachment for a step of a DNA trajectory before it is stored.

An attachment is accepted by its extension *and* its content: the extension must be one of :data:`KINDS`, and the
first bytes (or, for the Office and OpenDocument formats, the zip's table of contents) must fit it; a program
renamed ``.pdf`` is refused. The content type we serve is ours, decided from the checked kind, never the browser's.
Photos (JPEG, PNG) go through :func:`kernkompas.dna.photos.clean`, which re-encodes them and so drops their EXIF data
(the place a phone took them); that also means its limits (8 MB, 40 million pixels) hold for them.

The uploader's file name is kept only to show and to offer as the download name, after :func:`safe_name` made it
harmless (no folders, no control characters, at most 120 characters); the stored name is a random one of ours.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import File
from django.utils.translation import gettext as _

from kernkompas.dna import photos

MAX_BYTES = 20 * 1024 * 1024
MAX_PER_STEP = 20
MAX_NAME = 120

# extension → (content type we serve, how its content is checked)
KINDS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml:word/"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml:xl/"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ooxml:ppt/"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "odf"),
    "csv": ("text/csv", "text"),
    "txt": ("text/plain", "text"),
    "jpg": ("image/jpeg", "JPEG"),
    "png": ("image/png", "PNG"),
}
ODF_MIMETYPES = {ext: KINDS[ext][0] for ext in ("odt", "ods", "odp")}
ALIASES = {"jpeg": "jpg", "jpe": "jpg"}
ALLOWED_TEXT = "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, CSV, TXT, JPEG, PNG"
# A text file that is really a web page is refused: downloaded and opened, it would run in the browser.
_MARKUP = re.compile(rb"^\s*(<!doctype|<html|<\?xml|<svg|<script|<head|<body)", re.I)


class AttachmentError(ValueError):
    """A file we refuse, with a message for the user."""


@dataclass(frozen=True)
class CleanAttachment:
    content: File
    extension: str
    content_type: str
    original_name: str
    size: int


def safe_name(name: str, extension: str | None = None) -> str:
    """The last part of ``name`` without folders, control or odd characters, at most :data:`MAX_NAME` characters,
    ending in ``.extension`` when given; "bijlage" when nothing is left."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/")
    name = PurePosixPath(name).name
    name = "".join(c if (c.isalnum() or c in " ._-()") else "_" for c in name if unicodedata.category(c)[0] != "C")
    stem, dot, found = name.rpartition(".")
    if not dot:
        stem, found = name, ""
    stem = re.sub(r"[ _]{2,}", "_", stem).strip(" ._") or "bijlage"
    extension = found.lower() if extension is None else extension
    suffix = f".{extension}" if extension else ""
    return stem[: MAX_NAME - len(suffix)].rstrip(" ._") + suffix


def extension_of(name: str) -> str:
    last = PurePosixPath(str(name or "").replace("\\", "/")).name
    extension = last.rsplit(".", 1)[1].lower() if "." in last else ""
    return ALIASES.get(extension, extension)


def check(upload) -> CleanAttachment:
    """The upload as an attachment we may store, or :class:`AttachmentError` saying what is wrong with it."""
    shown = safe_name(getattr(upload, "name", "") or "")
    extension = extension_of(getattr(upload, "name", ""))
    if extension not in KINDS:
        raise AttachmentError(
            _("The file “%(name)s” is not a kind we accept. Upload a %(kinds)s file.")
            % {"name": shown, "kinds": ALLOWED_TEXT}
        )
    if upload.size > MAX_BYTES:
        raise AttachmentError(
            _("The file “%(name)s” is %(size)s MB; the maximum is 20 MB.")
            % {"name": shown, "size": f"{upload.size / 1048576:.1f}"}
        )
    if upload.size == 0:
        raise AttachmentError(_("The file “%(name)s” is empty.") % {"name": shown})
    content_type, how = KINDS[extension]
    original = safe_name(getattr(upload, "name", ""), extension)
    if how in ("JPEG", "PNG"):
        try:
            photo = photos.clean(upload)
        except photos.PhotoError as exc:
            raise AttachmentError(str(exc)) from exc
        if photo.extension != extension:
            raise _mismatch(shown, extension)
        return CleanAttachment(photo.content, extension, content_type, original, photo.content.size)
    try:
        upload.seek(0)
        fits = _fits(upload, how, extension)
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, EOFError):
        fits = False
    finally:
        upload.seek(0)
    if not fits:
        raise _mismatch(shown, extension)
    return CleanAttachment(upload, extension, content_type, original, upload.size)


def _mismatch(shown: str, extension: str) -> AttachmentError:
    return AttachmentError(
        _("The file “%(name)s” is not a real %(kind)s file (its content does not match its name).")
        % {"name": shown, "kind": extension.upper()}
    )


def _fits(upload, how: str, extension: str) -> bool:
    head = upload.read(8192)
    if how == "pdf":
        return head.startswith(b"%PDF-")
    if how == "text":
        # Text has no NUL bytes (programs and documents do) and is not a web page.
        return b"\x00" not in head and not _MARKUP.match(head.lstrip(b"\xef\xbb\xbf"))
    if not head.startswith(b"PK\x03\x04"):
        return False
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:  # only the table of contents is read, nothing is unpacked
        names = set(archive.namelist())
        if how.startswith("ooxml:"):
            folder = how.split(":", 1)[1]
            return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
        if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
            return False
        return archive.read("mimetype").strip() == ODF_MIMETYPES[extension].encode()
