"""Checks and re-encodes uploaded logos (universities, organisations).

A logo must really be an image of a known format and of a bounded size. It is
decoded with Pillow and saved again as a fresh PNG: whatever else the upload
carried (another format behind a .png name, scripts in metadata) is dropped, and
the stored file is always served as ``image/png``.
"""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4096 * 4096
LOGO_BOX = (512, 512)
ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


def reencode_logo(upload: UploadedFile, *, stem: str) -> ContentFile:
    """Validate ``upload`` and return it re-encoded as PNG, at most 512×512 pixels.

    Raises ``ValidationError`` with a message a user can act on.
    """
    size = upload.size or 0
    if size > MAX_LOGO_BYTES:
        raise ValidationError(
            _("The logo is %(size)s; the largest accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_LOGO_BYTES)},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in ACCEPTED_FORMATS:
            raise UnidentifiedImageError(image_format)
        if width * height > MAX_LOGO_PIXELS:
            raise ValidationError(
                _("The logo is too large in pixels; use an image of at most 4096×4096."),
                code="too_many_pixels",
            )
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            converted = image.convert("RGBA")
        converted.thumbnail(LOGO_BOX)
        buffer = io.BytesIO()
        converted.save(buffer, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a PNG, JPEG, WebP or GIF image."), code="not_an_image"
        ) from None
    return ContentFile(buffer.getvalue(), name=f"{stem}-{secrets.token_hex(4)}.png")
