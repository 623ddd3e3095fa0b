"""Password hashing with PBKDF2-HMAC-SHA256 from the standard library.

Stored format: ``pbkdf2_sha256$<iterations>$<salt_b64>$<hash_b64>`` so the work
factor can be raised later; ``needs_rehash`` tells the login flow to upgrade old
hashes transparently after a successful login.
"""
import base64
import hashlib
import hmac
import secrets

ALGORITHM = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 600_000
SALT_BYTES = 16


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, iterations: int = DEFAULT_ITERATIONS) -> str:
    if not password:
        raise ValueError("password must not be empty")
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time comparison so attackers cannot learn the hash byte by byte."""
    try:
        algorithm, iterations, salt, expected = stored.split("$")
    except ValueError:
        return False
    if algorithm != ALGORITHM:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), _unb64(salt), int(iterations))
    return hmac.compare_digest(digest, _unb64(expected))


def needs_rehash(stored: str, iterations: int = DEFAULT_ITERATIONS) -> bool:
    parts = stored.split("$")
    return len(parts) != 4 or parts[0] != ALGORITHM or int(parts[1]) < iterations
