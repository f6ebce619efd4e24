"""Web accounts and their login sessions, across persons by design (a login looks an account up by e-mail or
session token). An account is a person: creating one creates the person, deleting it deletes every row the person
owns (foreign keys cascade), on SQLite and PostgreSQL alike.

Passwords are never seen here: the web layer hashes them (argon2id) and hands over the hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from norepi.db.engine import Database
from norepi.errors import InputError, NotFound
from norepi.journal.account_tables import LoginFailureRecord, UserRecord, UserSessionRecord
from norepi.journal.tables import LOCAL_PERSON_ID, Person

FIRST_ACCOUNT_ID = LOCAL_PERSON_ID + 1


class AccountExists(InputError):
    """An account with this e-mail exists already."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    """What is stored of a session token: its SHA-256 (the token itself never is)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    """The accounts of a database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, email: str, password_hash: str) -> int:
        """A new account (and its person) for ``email``; returns its id. AccountExists when the e-mail has one."""
        for _ in range(3):
            try:
                with self.db.transaction() as s:
                    if s.scalars(select(UserRecord.id).where(UserRecord.email == email)).first() is not None:
                        raise AccountExists("this e-mail already has an account", field="email")
                    top = s.scalar(select(func.max(Person.id)))
                    pid = max(top or 0, FIRST_ACCOUNT_ID - 1) + 1
                    now = _now()
                    s.add(Person(id=pid, created_at=now, data_version=0))
                    s.flush()
                    s.add(UserRecord(id=pid, email=email, password_hash=password_hash, created_at=now))
                return pid
            except IntegrityError:
                continue  # two sign-ups took the same id (or e-mail) at once: look again
        raise AccountExists("this e-mail already has an account", field="email")

    def password_hash(self, email: str) -> tuple[int, str] | None:
        """(account id, stored hash) of ``email``, or None."""
        with self.db.transaction() as s:
            row = s.execute(select(UserRecord.id, UserRecord.password_hash).where(UserRecord.email == email)).first()
        return (int(row[0]), str(row[1])) if row else None

    def stored_hash(self, account_id: int) -> str:
        """The stored password hash of an account; NotFound if there is none."""
        with self.db.transaction() as s:
            digest = s.scalars(select(UserRecord.password_hash).where(UserRecord.id == account_id)).first()
        if digest is None:
            raise NotFound(f"no account {account_id}")
        return digest

    def email(self, account_id: int) -> str | None:
        with self.db.transaction() as s:
            return s.scalars(select(UserRecord.email).where(UserRecord.id == account_id)).first()

    def set_password_hash(self, account_id: int, password_hash: str, keep_token: str | None = None) -> None:
        """Store a new password hash and end every session of the account but ``keep_token``'s."""
        with self.db.transaction() as s:
            row = s.get(UserRecord, account_id)
            if row is None:
                raise NotFound(f"no account {account_id}")
            row.password_hash = password_hash
            q = delete(UserSessionRecord).where(UserSessionRecord.user_id == account_id)
            if keep_token is not None:
                q = q.where(UserSessionRecord.token_hash != token_hash(keep_token))
            s.execute(q)

    def delete(self, account_id: int) -> None:
        """Delete the account and everything its person owns (journal rows cascade with the person)."""
        if account_id < FIRST_ACCOUNT_ID:
            raise InputError("the local journal is not an account", field="account")
        with self.db.transaction() as s:
            person = s.get(Person, account_id)
            if person is None:
                raise NotFound(f"no account {account_id}")
            s.delete(person)

    def start_session(self, account_id: int, days: int) -> str:
        """A new login session; returns its token (stored only as a hash). Expired sessions are dropped."""
        token = secrets.token_urlsafe(32)
        now = _now()
        with self.db.transaction() as s:
            s.execute(delete(UserSessionRecord).where(UserSessionRecord.expires_at < now))
            s.add(UserSessionRecord(token_hash=token_hash(token), user_id=account_id, created_at=now,
                                    expires_at=now + dt.timedelta(days=days)))
        return token

    def end_session(self, token: str) -> None:
        with self.db.transaction() as s:
            s.execute(delete(UserSessionRecord).where(UserSessionRecord.token_hash == token_hash(token)))

    def session_account(self, token: str | None) -> int | None:
        """The account of a live session token, else None."""
        if not token or len(token) > 100:
            return None
        with self.db.transaction() as s:
            row = s.execute(select(UserSessionRecord.user_id, UserSessionRecord.expires_at)
                            .where(UserSessionRecord.token_hash == token_hash(token))).first()
        if row is None or row[1] < _now():
            return None
        return int(row[0])

    # ---- failed logins (the rate limit every server process shares; keys stored as SHA-256) --------------------
    def failures(self, key_hash: str, since: dt.datetime) -> list[dt.datetime]:
        """When the failures of ``key_hash`` after ``since`` happened, oldest first."""
        with self.db.transaction() as s:
            return list(s.scalars(select(LoginFailureRecord.at).where(LoginFailureRecord.key_hash == key_hash,
                                                                      LoginFailureRecord.at > since)
                                  .order_by(LoginFailureRecord.at)))

    def add_failures(self, key_hashes: list[str], at: dt.datetime, forget_before: dt.datetime) -> None:
        """Count a failure for each key at ``at``, and forget failures older than ``forget_before``."""
        with self.db.transaction() as s:
            s.execute(delete(LoginFailureRecord).where(LoginFailureRecord.at <= forget_before))
            s.add_all(LoginFailureRecord(key_hash=k, at=at) for k in key_hashes)

    def clear_failures(self, key_hash: str) -> None:
        with self.db.transaction() as s:
            s.execute(delete(LoginFailureRecord).where(LoginFailureRecord.key_hash == key_hash))
