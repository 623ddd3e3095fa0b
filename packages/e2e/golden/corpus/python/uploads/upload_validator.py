"""Validate user uploads before they are stored.

Checks, in order: the declared size, the extension allow-list, and the file's
magic bytes (the real content type), so a renamed executable cannot pass as a
PNG. Filenames are sanitised to prevent path traversal.
"""
import os
import re
from dataclasses import dataclass
from typing import BinaryIO

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = {".png", ".jpg", ".jpeg", ".pdf", ".csv"}
MAGIC_NUMBERS = {
    ".png": [b"\x89PNG\r\n\x1a\n"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".pdf": [b"%PDF-"],
}
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]")


class UploadRejected(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class ValidatedUpload:
    safe_name: str
    extension: str
    size: int


def sanitize_filename(filename: str) -> str:
    base = os.path.basename(filename.replace("\\", "/"))
    base = _UNSAFE_CHARS.sub("_", base).lstrip(".")
    return base[:128] or "upload"


def validate_upload(filename: str, stream: BinaryIO, declared_size: int) -> ValidatedUpload:
    if declared_size > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"file too large: {declared_size} bytes (max {MAX_UPLOAD_BYTES})")
    safe_name = sanitize_filename(filename)
    extension = os.path.splitext(safe_name)[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise UploadRejected(f"extension {extension or '(none)'} is not allowed")
    head = stream.read(16)
    stream.seek(0)
    signatures = MAGIC_NUMBERS.get(extension)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise UploadRejected("file content does not match its extension")
    if extension == ".csv" and b"\x00" in head:
        raise UploadRejected("csv upload contains binary data")
    return ValidatedUpload(safe_name=safe_name, extension=extension, size=declared_size)
