"""Request dependencies: which journal (whose), origin and CSRF checks."""

from __future__ import annotations

from fastapi import Request

from norepi.journal.journal import Journal
from norepi.web import auth
from norepi.web.errors import WebError
from norepi.web.state import AppState


class LoginRequired(Exception):
    """A page needs a logged-in user (multi-user mode): redirect to /login."""


def state(request: Request) -> AppState:
    return request.app.state.web  # type: ignore[no-any-return]


def current_user(request: Request) -> int | None:
    """The user id: 1 in single-user mode; the session's user in multi-user mode (None if not logged in)."""
    st = state(request)
    if not st.config.multi_user:
        return 1
    if not hasattr(request.state, "user_id"):
        request.state.user_id = st.accounts.session_account(request.cookies.get(auth.SESSION_COOKIE))
    return request.state.user_id  # type: ignore[no-any-return]


async def origin_guard(request: Request) -> None:
    """Refuse unsafe requests from another site (every route)."""
    if request.method in auth.UNSAFE and not auth.same_origin(request):
        raise WebError(403, "cross-site request refused", "origin")


def api_journal(request: Request) -> Journal:
    """The caller's journal for an API route; in multi-user mode a session (and, for writes, the
    X-CSRF-Token header) is required."""
    st = state(request)
    uid = current_user(request)
    if uid is None:
        raise WebError(401, "log in first (POST /api/v1/auth/login)", "session")
    if st.config.multi_user and request.method in auth.UNSAFE:
        auth.check_csrf(request, st.config.secret_key, request.headers.get(auth.CSRF_HEADER))
    return st.pool.get(uid)


def page_journal(request: Request) -> Journal:
    """The caller's journal for a page; not logged in (multi-user) -> redirect to /login."""
    uid = current_user(request)
    if uid is None:
        raise LoginRequired()
    return state(request).pool.get(uid)
