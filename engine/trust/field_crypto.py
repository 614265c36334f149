"""Encryption of confidential field values at rest, with keys from configuration.

Fernet (AES-128-CBC + HMAC-SHA256, from the `cryptography` package) behind a MultiFernet: the first key
encrypts, every listed key decrypts, so keys rotate without downtime (`danchu keys rotate`). A sealed
value is a string `danchu-enc:v1:<token>` holding the JSON of the original value, so any type survives.
"""
from __future__ import annotations

import base64
import json
from typing import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "danchu-enc:v1:"


class FieldKeyError(Exception):
    """A sealed value no configured key opens (a key was removed too early, or the data was altered)."""


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def key_from_secret(secret: str) -> str:
    """Demo and tests only: a field key derived from the token secret when no field key is configured."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"danchu-field-key", info=b"derived").derive(
        secret.encode("utf-8"))
    return base64.urlsafe_b64encode(raw).decode("ascii")


class FieldCipher:
    def __init__(self, keys: Sequence[str]):
        if not keys:
            raise ValueError("at least one field key is needed")
        try:
            self._fernet = MultiFernet([Fernet(k.strip().encode("ascii")) for k in keys])
        except (ValueError, TypeError) as exc:
            raise ValueError("a field key is not a valid Fernet key (32 url-safe base64 bytes)") from exc

    @staticmethod
    def is_sealed(value) -> bool:
        return isinstance(value, str) and value.startswith(PREFIX)

    def seal(self, value) -> str:
        plain = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return PREFIX + self._fernet.encrypt(plain).decode("ascii")

    def open(self, sealed: str):
        try:
            return json.loads(self._fernet.decrypt(sealed[len(PREFIX):].encode("ascii")))
        except (InvalidToken, ValueError) as exc:
            raise FieldKeyError("no configured field key opens this value") from exc

    def seal_bytes(self, content: bytes) -> bytes:
        """A file's bytes encrypted as a confidential value is (`engine.files`): the Fernet token."""
        return self._fernet.encrypt(content)

    def open_bytes(self, sealed: bytes) -> bytes:
        try:
            return self._fernet.decrypt(sealed)
        except InvalidToken as exc:
            raise FieldKeyError("no configured field key opens this file") from exc

    def rotate_bytes(self, sealed: bytes) -> bytes:
        """A sealed file's bytes re-encrypted under the first (newest) key."""
        try:
            return self._fernet.rotate(sealed)
        except InvalidToken as exc:
            raise FieldKeyError("no configured field key opens this file") from exc

    def rotate(self, sealed: str) -> str:
        """Re-encrypt under the first (newest) key."""
        try:
            return PREFIX + self._fernet.rotate(sealed[len(PREFIX):].encode("ascii")).decode("ascii")
        except InvalidToken as exc:
            raise FieldKeyError("no configured field key opens this value") from exc
