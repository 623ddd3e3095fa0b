"""JWT bearer-token authentication for the Flask API.

``require_auth`` decorates a view: it reads the ``Authorization: Bearer`` header,
verifies the signature and the standard claims, and exposes the caller as
``g.current_user``. Expired or tampered tokens get a 401 JSON response.
"""
from functools import wraps
from typing import Callable, Iterable, Optional

import jwt
from flask import current_app, g, jsonify, request

ALGORITHMS = ["HS256"]
LEEWAY_SECONDS = 30


def _unauthorized(message: str):
    response = jsonify({"error": "unauthorized", "message": message})
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def decode_token(token: str) -> dict:
    """Verify signature, expiry, audience and issuer; return the claims."""
    return jwt.decode(
        token,
        current_app.config["JWT_SECRET"],
        algorithms=ALGORITHMS,
        audience=current_app.config["JWT_AUDIENCE"],
        issuer=current_app.config["JWT_ISSUER"],
        leeway=LEEWAY_SECONDS,
        options={"require": ["exp", "iat", "sub"]},
    )


def _bearer_token() -> Optional[str]:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    return token.strip()


def require_auth(roles: Iterable[str] = ()) -> Callable:
    required = set(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            token = _bearer_token()
            if token is None:
                return _unauthorized("missing bearer token")
            try:
                claims = decode_token(token)
            except jwt.ExpiredSignatureError:
                return _unauthorized("token expired")
            except jwt.InvalidTokenError as exc:
                return _unauthorized(f"invalid token: {exc}")
            if required and not required.intersection(claims.get("roles", [])):
                return jsonify({"error": "forbidden"}), 403
            g.current_user = claims["sub"]
            g.token_claims = claims
            return view(*args, **kwargs)

        return wrapper

    return decorator
