"""Accounts (multi-user mode): argon2id hashes, server-side sessions, CSRF tokens, login rate limit.

* Session cookie ``norepi_session``: a random 256-bit token; the database keeps only its SHA-256,
  so logout (row deleted) really ends the session. HttpOnly, SameSite=Lax, Secure when configured.
* CSRF: every form carries ``csrf_token`` = HMAC(secret, session token or the ``norepi_csrf`` cookie);
  API writes authenticated by the session cookie must send it as the ``X-CSRF-Token`` header. Unsafe
  requests whose ``Origin`` is another site are refused outright.
* Login: at most ``login_max_failures`` failed attempts per client address and per e-mail in the window,
  counted in the database (table ``login_failure``), so several server processes share one limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from fastapi import Request, Response

from norepi.errors import InputError
from norepi.journal.accounts import AccountExists, Accounts
from norepi.web.errors import WebError

SESSION_COOKIE = "norepi_session"
CSRF_COOKIE = "norepi_csrf"
CSRF_HEADER = "x-csrf-token"
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_hasher = PasswordHasher()
# a real hash to verify against when the e-mail is unknown, so timing does not tell whether it exists
_DUMMY_HASH = _hasher.hash("not a real password")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def check_email(email: str) -> str:
    email = email.strip().lower()
    if len(email) > 254 or not EMAIL_RE.match(email):
        raise InputError(f"{email[:60]!r} is not an e-mail address", field="email")
    return email


def check_password(password: str) -> str:
    if len(password) < 8:
        raise InputError("use at least 8 characters", field="password")
    if len(password) > 1024:
        raise InputError("use at most 1024 characters", field="password")
    return password


def create_user(accounts: Accounts, email: str, password: str) -> int:
    """A new account; returns its id (its person's id). 409 if the e-mail has one."""
    email = check_email(email)
    digest = _hasher.hash(check_password(password))
    try:
        return accounts.create(email, digest)
    except AccountExists:
        raise WebError(409, "this e-mail already has an account; log in instead", "email") from None


def authenticate(accounts: Accounts, email: str, password: str) -> int | None:
    """The account id if the e-mail and password match, else None (constant work either way)."""
    found = accounts.password_hash(email.strip().lower())
    try:
        _hasher.verify(found[1] if found else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return found[0] if found else None


def login(accounts: Accounts, limiter: LoginLimiter, email: str, password: str, client: str) -> int:
    """The account id of a correct e-mail and password, counting failures per client address and e-mail:
    429 when either has used up its attempts, 401 for a wrong pair. Used by the API and the login page."""
    keys = (f"ip:{client}", f"email:{email.strip().lower()}")
    limiter.check(*keys)
    uid = authenticate(accounts, email, password)
    if uid is None:
        limiter.failed(*keys)
        raise WebError(401, "wrong e-mail or password", "password")
    limiter.succeeded(keys[1])
    return uid


# ---- CSRF --------------------------------------------------------------------------------------------------

def csrf_seed(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or request.cookies.get(CSRF_COOKIE)


def csrf_token_for(secret: str, seed: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{seed}".encode(), hashlib.sha256).hexdigest()


def flash_signature(secret: str, message: str) -> str:
    """HMAC of a flash message carried in a redirect's query string (32 hex digits)."""
    return hmac.new(secret.encode(), f"flash:{message}".encode(), hashlib.sha256).hexdigest()[:32]


def flash_is_genuine(secret: str, message: str, signature: str) -> bool:
    """True when ``signature`` is the server's HMAC of ``message`` (constant-time comparison)."""
    return hmac.compare_digest(flash_signature(secret, message), signature)


def check_csrf(request: Request, secret: str, given: str | None) -> None:
    """403 unless ``given`` is the CSRF token of this browser's session (or CSRF cookie)."""
    seed = csrf_seed(request)
    if not seed or not given or not hmac.compare_digest(csrf_token_for(secret, seed), given):
        raise WebError(403, "missing or wrong CSRF token: reload the page and try again", "csrf_token")


def ensure_csrf_cookie(request: Request, response: Response, secure: bool) -> str:
    """The CSRF seed of this browser, setting the ``norepi_csrf`` cookie when there is none yet."""
    seed = csrf_seed(request)
    if seed is None:
        seed = secrets.token_urlsafe(32)
        response.set_cookie(CSRF_COOKIE, seed, httponly=True, samesite="lax", secure=secure, path="/")
        request.state.new_csrf_seed = seed
    return seed


def same_origin(request: Request) -> bool:
    """False when an unsafe request comes from another site (``Origin`` or ``Sec-Fetch-Site`` says so)."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin")
    if not origin:
        return True
    if origin == "null":
        return False
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc.lower() == host.lower()


def set_session_cookie(response: Response, token: str, secure: bool, days: int) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=days * 86400, httponly=True, samesite="lax", secure=secure,
                        path="/")


# ---- login rate limit -------------------------------------------------------------------------------------------

class LoginLimiter:
    """Failed logins per key (client address, e-mail) in a sliding window, kept in the database so that every
    server process (uvicorn workers, restarts) counts the same failures; keys are stored as SHA-256."""

    def __init__(self, accounts: Accounts, max_failures: int, window_s: float,
                 clock: Callable[[], dt.datetime] = _now) -> None:
        self.accounts = accounts
        self.max_failures = max_failures
        self.window = dt.timedelta(seconds=window_s)
        self.clock = clock

    @staticmethod
    def _hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def check(self, *keys: str) -> None:
        """429 (with Retry-After) when any key has used up its attempts."""
        now = self.clock()
        for key in keys:
            times = self.accounts.failures(self._hash(key), now - self.window)
            if len(times) >= self.max_failures:
                retry = max(1, int((times[0] + self.window - now).total_seconds()) + 1)
                raise WebError(429, f"too many failed logins: try again in {retry} s", "password",
                               {"Retry-After": str(retry)})

    def failed(self, *keys: str) -> None:
        """Count a failure for each key (and forget failures older than the window)."""
        now = self.clock()
        self.accounts.add_failures([self._hash(k) for k in keys], now, now - self.window)

    def succeeded(self, email_key: str) -> None:
        """A successful login clears the e-mail's failures (not the address's)."""
        self.accounts.clear_failures(self._hash(email_key))
