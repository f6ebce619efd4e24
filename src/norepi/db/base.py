"""The declarative base of every table, and the mark of a table that holds one person's data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# index names as SQLAlchemy's default; foreign keys named so that migrations can drop them on every database
NAMING = {"ix": "ix_%(column_0_label)s", "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PersonalData:
    """Mark of every table holding one person's rows (its ``user_id`` made by ``person_id``). A journal opened
    for a person reads and writes these tables only through its scope (journal/scope.py), so that code cannot
    reach another person's rows by forgetting a filter."""

    @declared_attr
    def user_id(cls) -> Mapped[int]:  # noqa: N805 - a declared attribute takes the class
        return person_id()  # type: ignore[no-any-return]


def person_id(*, index: bool = False) -> Any:
    """The ``user_id`` column of a personal table: NOT NULL, refers to ``person.id``, rows go with the person."""
    return mapped_column(Integer, ForeignKey("person.id", ondelete="CASCADE"), nullable=False, index=index)


def personal_tables() -> list[type[Any]]:
    """Every mapped class holding personal data (for the scope and for the test that checks isolation)."""
    return sorted(
        (m.class_ for m in Base.registry.mappers if issubclass(m.class_, PersonalData)), key=lambda c: c.__name__
    )
