"""The image of a news item or a commentary, re-encoded as logos are (core/uploads.py):
decoded with Pillow and saved again, here as a JPEG of at most 960 pixels a side and
100 KB, so that a card loads fast on a slow connection."""

import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from core.uploads import ACCEPTED_FORMATS, MAX_LOGO_PIXELS

MAX_IMAGE_UPLOAD = 5 * 1024 * 1024
MAX_IMAGE_BYTES = 100 * 1024
IMAGE_BOX = (960, 960)
QUALITIES = (82, 72, 62, 52, 42)


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def _small_jpeg(image: Image.Image) -> bytes:
    """The best quality under ``MAX_IMAGE_BYTES``, halving the size if none is."""
    while True:
        for quality in QUALITIES:
            data = _jpeg(image, quality)
            if len(data) <= MAX_IMAGE_BYTES:
                return data
        image = image.resize((max(image.width // 2, 1), max(image.height // 2, 1)))


@dataclass(frozen=True)
class EncodedImage:
    content: ContentFile
    width: int
    height: int


def reencode_image(upload: UploadedFile) -> EncodedImage:
    """Validate ``upload`` and return it as a small JPEG with its size in pixels;
    ``ValidationError`` otherwise."""
    size = upload.size or 0
    if size > MAX_IMAGE_UPLOAD:
        raise ValidationError(
            _("The image is %(size)s; the largest accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_IMAGE_UPLOAD)},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in ACCEPTED_FORMATS or width * height > MAX_LOGO_PIXELS:
            raise UnidentifiedImageError(image_format)
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            converted = image.convert("RGB")
        converted.thumbnail(IMAGE_BOX)
        data = _small_jpeg(converted)
        with Image.open(io.BytesIO(data)) as written:
            width, height = written.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a PNG, JPEG, WebP or GIF image of at most 4096×4096 pixels."),
            code="not_an_image",
        ) from None
    content = ContentFile(data, name=f"image-{secrets.token_hex(4)}.jpg")
    return EncodedImage(content=content, width=width, height=height)
