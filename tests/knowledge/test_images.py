import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from knowledge.images import MAX_IMAGE_BYTES, reencode_image


def _noise_png(width: int, height: int) -> bytes:
    image = Image.frombytes("RGB", (width, height), bytes(range(256)) * (width * height * 3 // 256))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_image_becomes_a_small_jpeg_within_the_box():
    upload = SimpleUploadedFile("photo.png", _noise_png(2000, 1200), content_type="image/png")

    encoded = reencode_image(upload)

    with Image.open(encoded.content) as image:
        assert (image.format, image.size) == ("JPEG", (960, 576))
    assert (encoded.width, encoded.height) == (960, 576)
    assert encoded.content.size <= MAX_IMAGE_BYTES


def test_a_file_that_is_no_image_is_refused():
    upload = SimpleUploadedFile("photo.png", b"<svg></svg>", content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        reencode_image(upload)
    assert refused.value.messages == [
        "This file is not a PNG, JPEG, WebP or GIF image of at most 4096×4096 pixels."
    ]
