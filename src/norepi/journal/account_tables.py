"""Accounts of the multi-user web server: users (argon2 password hashes) and their login sessions.

An account's ``id`` is its ``person.id``, the ``user_id`` of its journal rows. Account ids start at 2: person 1 is the
single-user (local, no login) journal, which no account can reach. These tables are read by the accounts store
(journal/accounts.py) across persons, by design: a login looks an account up by its e-mail or session token.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from norepi.db.base import Base


class UserRecord(Base):
    """An account: e-mail (lower-cased, unique) and an argon2id password hash (never the password)."""

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class UserSessionRecord(Base):
    """A login session: the SHA-256 of the random cookie token (the token itself is never stored)."""

    __tablename__ = "user_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginFailureRecord(Base):
    """A failed login, for the rate limit every server process shares: the SHA-256 of its key (``ip:...`` or
    ``email:...``; the address and e-mail themselves are not stored) and when it happened (UTC)."""

    __tablename__ = "login_failure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
