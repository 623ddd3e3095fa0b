"""Unit tests for auth.password_hasher (run with pytest)."""
import pytest

from auth.password_hasher import hash_password, needs_rehash, verify_password

FAST_ITERATIONS = 1_000  # keep the test suite quick; production uses 600k


def test_hash_roundtrip():
    stored = hash_password("correct horse battery staple", iterations=FAST_ITERATIONS)
    assert verify_password("correct horse battery staple", stored)


def test_wrong_password_is_rejected():
    stored = hash_password("s3cret", iterations=FAST_ITERATIONS)
    assert not verify_password("S3cret", stored)


def test_same_password_gets_different_salts():
    first = hash_password("repeat", iterations=FAST_ITERATIONS)
    second = hash_password("repeat", iterations=FAST_ITERATIONS)
    assert first != second
    assert verify_password("repeat", first) and verify_password("repeat", second)


@pytest.mark.parametrize("stored", ["", "garbage", "md5$1$abc$def", "pbkdf2_sha256$10$onlythree"])
def test_malformed_hashes_never_verify(stored):
    assert verify_password("anything", stored) is False


def test_empty_password_is_refused():
    with pytest.raises(ValueError):
        hash_password("")


def test_old_work_factor_needs_rehash():
    old = hash_password("legacy", iterations=FAST_ITERATIONS)
    assert needs_rehash(old, iterations=FAST_ITERATIONS * 2)
    assert not needs_rehash(old, iterations=FAST_ITERATIONS)
