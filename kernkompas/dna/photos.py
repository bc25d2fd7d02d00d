"""Checking and cleaning a photo for a building block before it is stored.

A photo is checked by its content, never its name: Pillow must recognise it as JPEG, PNG or WebP, it must be at most
:data:`MAX_BYTES` and :data:`MAX_PIXELS` (a small file can unpack to a huge image), and it is re-encoded before it is
stored, which leaves its metadata behind: EXIF (with the GPS position a phone writes), XMP, comments. A photo that is
larger than :data:`MAX_SIDE` pixels on its longest side is made smaller on the way.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2400
# Pillow's names for the formats we accept, and the extension a stored file gets.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class PhotoError(ValueError):
    """A photo we refuse, with a message for the user."""


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile
    extension: str
    width: int
    height: int


def clean(upload) -> CleanPhoto:
    """The upload as a re-encoded photo without metadata, or :class:`PhotoError` saying what is wrong with it."""
    name = getattr(upload, "name", "") or "?"
    if upload.size > MAX_BYTES:
        raise PhotoError(
            _("The photo “%(name)s” is %(size)s MB; the maximum is 8 MB.")
            % {"name": name, "size": f"{upload.size / 1048576:.1f}"}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            found, (width, height) = probe.format, probe.size
            probe.verify()
        if width * height > MAX_PIXELS:
            raise PhotoError(
                _("The photo “%(name)s” is %(width)s × %(height)s pixels; at most 40 million pixels are accepted.")
                % {"name": name, "width": width, "height": height}
            )
        if found not in FORMATS:
            raise PhotoError(
                _("The file “%(name)s” is a %(format)s image; upload a JPEG, PNG or WebP photo.")
                % {"name": name, "format": found or "?"}
            )
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            cleaned = _reencode(image, found)
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError(
            _("The file “%(name)s” is not a photo we can read. Upload a JPEG, PNG or WebP photo.") % {"name": name}
        ) from exc
    finally:
        upload.seek(0)
    return cleaned


def _reencode(image: Image.Image, found: str) -> CleanPhoto:
    # Turn the photo upright first: the orientation is part of the EXIF data that is about to be dropped.
    image = ImageOps.exif_transpose(image)
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    mode = "RGB" if found == "JPEG" or image.mode not in ("RGBA", "LA", "P") else "RGBA"
    converted = image.convert(mode)
    # A fresh image from the bare pixels: no EXIF, XMP, ICC profile, comment or text chunk can come along (PNG and
    # WebP would otherwise write the EXIF that Pillow keeps in ``info``).
    fresh = Image.frombytes(mode, converted.size, converted.tobytes())
    out = io.BytesIO()
    if found == "JPEG":
        fresh.save(out, "JPEG", quality=85, optimize=True)
    elif found == "PNG":
        fresh.save(out, "PNG", optimize=True)
    else:
        fresh.save(out, "WEBP", quality=85)
    return CleanPhoto(ContentFile(out.getvalue()), FORMATS[found], image.width, image.height)
