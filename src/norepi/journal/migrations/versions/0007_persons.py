"""persons: every personal row belongs to a person (NOT NULL, foreign key); ratings a person defines, daily
observations, sleep asleep vs in bed, stage minutes and naps, exercise heart-rate zones, remembered import
mappings and food choices, food-day status, the pregnancy trimester of a profile

Revision ID: 0007
Revises: 0006
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PERSONAL = (
    "profile",
    "food_entry",
    "meal_plan",
    "experiment",
    "imported_file",
    "heart_profile",
    "exercise_session",
    "sleep_period",
    "practice",
    "stress_event",
    "pss10",
    "heart_rate_sample",
    "dietary_record",
    "cronometer_serving",
    "cronometer_day",
)
NEW_PERSONAL = ("rating_scale", "rating_value", "daily_observation", "import_mapping", "food_choice", "food_day_status")
RATINGS = ("focus", "energy", "mood", "motivation")


def _fk(table: str) -> str:
    return f"fk_{table}_user_id_person"


def _person_column() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("user_id", sa.Integer(), nullable=False)


def _person_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["user_id"], ["person.id"], name=_fk(table), ondelete="CASCADE")


def upgrade() -> None:
    conn = op.get_bind()
    person = op.create_table(
        "person",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("data_version", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id"),
    )
    ids = {1}
    for table in (*PERSONAL, "daily_rating"):
        ids.update(conn.execute(sa.text(f"SELECT DISTINCT user_id FROM {table}")).scalars())
    ids.update(conn.execute(sa.text("SELECT id FROM user_account")).scalars())
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(person, [{"id": i, "created_at": now, "data_version": 0}
                            for i in sorted(i for i in ids if i is not None)])

    for table in PERSONAL:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key(_fk(table), "person", ["user_id"], ["id"], ondelete="CASCADE")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_foreign_key("fk_user_account_id_person", "person", ["id"], ["id"], ondelete="CASCADE")

    with op.batch_alter_table("sleep_period", schema=None) as batch_op:
        batch_op.add_column(sa.Column("asleep_min", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("stage_min", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("is_nap", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("exercise_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hr_zones", sa.JSON(), nullable=True))
    with op.batch_alter_table("stress_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=24), nullable=False, server_default="manual"))
        batch_op.add_column(sa.Column("natural_key", sa.String(length=120), nullable=True))
        batch_op.create_unique_constraint("uq_stress_event_key", ["user_id", "natural_key"])
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pregnancy_trimester", sa.Integer(), nullable=True))
    with op.batch_alter_table("cronometer_serving", schema=None) as batch_op:
        batch_op.add_column(sa.Column("category", sa.String(length=40), nullable=False, server_default=""))

    op.create_table(
        "rating_scale",
        sa.Column("id", sa.Integer(), nullable=False),
        _person_column(),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("low", sa.Float(), nullable=False),
        sa.Column("high", sa.Float(), nullable=False),
        sa.Column("step", sa.Float(), nullable=False),
        sa.Column("higher_is_better", sa.Boolean(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        _person_fk("rating_scale"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "name", name="uq_rating_scale_name"),
    )
    rating_value = op.create_table(
        "rating_value",
        sa.Column("id", sa.Integer(), nullable=False),
        _person_column(),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        _person_fk("rating_value"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "date", "name", name="uq_rating_value_day"),
    )
    op.create_table(
        "daily_observation",
        sa.Column("id", sa.Integer(), nullable=False),
        _person_column(),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        _person_fk("daily_observation"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "date", "kind", "source", name="uq_daily_observation"),
    )
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        _person_column(),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("column", sa.String(length=200), nullable=False),
        sa.Column("target", sa.String(length=80), nullable=False),
        _person_fk("import_mapping"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "source", "column", name="uq_import_mapping"),
    )
    op.create_table(
        "food_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        _person_column(),
        sa.Column("phrase", sa.String(length=200), nullable=False),
        sa.Column("ndb_no", sa.String(length=5), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["ndb_no"], ["food.ndb_no"], name="fk_food_choice_ndb_no_food"),
        _person_fk("food_choice"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "phrase", name="uq_food_choice"),
    )
    op.create_table(
        "food_day_status",
        sa.Column("id", sa.Integer(), nullable=False),
        _person_column(),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        _person_fk("food_day_status"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "date", name="uq_food_day_status"),
    )

    old = conn.execute(sa.text(f"SELECT user_id, date, source, {', '.join(RATINGS)} FROM daily_rating")).all()
    rows = [
        {"user_id": r[0], "date": r[1], "name": name, "value": float(v), "source": r[2]}
        for r in old
        for name, v in zip(RATINGS, r[3:], strict=True)
        if v is not None
    ]
    for row in rows:  # SQLite returns dates as text here
        if isinstance(row["date"], str):
            row["date"] = dt.date.fromisoformat(row["date"])
    if rows:
        op.bulk_insert(rating_value, rows)
    op.drop_table("daily_rating")


def downgrade() -> None:
    op.create_table(
        "daily_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in RATINGS),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "date", name="uq_daily_rating_day"),
    )
    for table in reversed(NEW_PERSONAL):
        op.drop_table(table)
    with op.batch_alter_table("cronometer_serving", schema=None) as batch_op:
        batch_op.drop_column("category")
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("pregnancy_trimester")
    with op.batch_alter_table("stress_event", schema=None) as batch_op:
        batch_op.drop_constraint("uq_stress_event_key", type_="unique")
        batch_op.drop_column("natural_key")
        batch_op.drop_column("source")
    with op.batch_alter_table("sleep_period", schema=None) as batch_op:
        batch_op.drop_column("is_nap")
        batch_op.drop_column("stage_min")
        batch_op.drop_column("asleep_min")
    with op.batch_alter_table("exercise_session", schema=None) as batch_op:
        batch_op.drop_column("hr_zones")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_constraint("fk_user_account_id_person", type_="foreignkey")
    for table in PERSONAL:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(_fk(table), type_="foreignkey")
    op.drop_table("person")
