"""lifestyle: exercise, sleep, practices, stress, ratings, heart profile, imports (issue 3)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:47:14.950861
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cronometer_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("nutrients", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "date", name="uq_cronometer_day"),
    )
    op.create_table(
        "daily_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("focus", sa.Integer(), nullable=True),
        sa.Column("energy", sa.Integer(), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("motivation", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "date", name="uq_daily_rating_day"),
    )
    op.create_table(
        "dietary_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("natural_key", sa.String(length=160), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "natural_key", name="uq_dietary_record_key"),
    )
    with op.batch_alter_table("dietary_record", schema=None) as batch_op:
        batch_op.create_index("ix_dietary_record_user_at", ["user_id", "at_utc"], unique=False)

    op.create_table(
        "exercise_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=40), nullable=False),
        sa.Column("duration_min", sa.Float(), nullable=False),
        sa.Column("avg_hr_bpm", sa.Float(), nullable=True),
        sa.Column("max_hr_bpm", sa.Float(), nullable=True),
        sa.Column("rpe_cr10", sa.Float(), nullable=True),
        sa.Column("avg_power_w", sa.Float(), nullable=True),
        sa.Column("hr_stream", sa.JSON(), nullable=True),
        sa.Column("laps", sa.JSON(), nullable=True),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("natural_key", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "natural_key", name="uq_exercise_session_key"),
    )
    with op.batch_alter_table("exercise_session", schema=None) as batch_op:
        batch_op.create_index("ix_exercise_session_user_start", ["user_id", "start_utc"], unique=False)

    op.create_table(
        "heart_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("resting_hr_bpm", sa.Float(), nullable=True),
        sa.Column("max_hr_bpm", sa.Float(), nullable=True),
        sa.Column("sleep_need_h", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("heart_profile", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_heart_profile_user_id"), ["user_id"], unique=False)

    op.create_table(
        "heart_rate_sample",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("bpm", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "at_utc", "bpm", name="uq_heart_rate_sample"),
    )
    op.create_table(
        "imported_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=260), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "sha256", name="uq_imported_file"),
    )
    op.create_table(
        "practice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("duration_min", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("natural_key", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "natural_key", name="uq_practice_key"),
    )
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.create_index("ix_practice_user_start", ["user_id", "start_utc"], unique=False)

    op.create_table(
        "pss10",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pss10", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pss10_user_id"), ["user_id"], unique=False)

    op.create_table(
        "sleep_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("bed_utc", sa.DateTime(), nullable=False),
        sa.Column("wake_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("stages", sa.JSON(), nullable=True),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("natural_key", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "natural_key", name="uq_sleep_period_key"),
    )
    with op.batch_alter_table("sleep_period", schema=None) as batch_op:
        batch_op.create_index("ix_sleep_period_user_wake", ["user_id", "wake_utc"], unique=False)

    op.create_table(
        "stress_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("stress_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stress_event_user_id"), ["user_id"], unique=False)

    op.create_table(
        "cronometer_serving",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("time", sa.String(length=16), nullable=False),
        sa.Column("meal_group", sa.String(length=40), nullable=False),
        sa.Column("food_name", sa.String(length=200), nullable=False),
        sa.Column("amount", sa.String(length=60), nullable=False),
        sa.Column("energy_kcal", sa.Float(), nullable=True),
        sa.Column("phenylalanine_mg", sa.Float(), nullable=True),
        sa.Column("tyrosine_mg", sa.Float(), nullable=True),
        sa.Column("nutrients", sa.JSON(), nullable=False),
        sa.Column("food_entry_id", sa.Integer(), nullable=True),
        sa.Column("natural_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["food_entry_id"], ["food_entry.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "natural_key", name="uq_cronometer_serving_key"),
    )
    with op.batch_alter_table("cronometer_serving", schema=None) as batch_op:
        batch_op.create_index("ix_cronometer_serving_user_date", ["user_id", "date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cronometer_serving", schema=None) as batch_op:
        batch_op.drop_index("ix_cronometer_serving_user_date")

    op.drop_table("cronometer_serving")
    with op.batch_alter_table("stress_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stress_event_user_id"))

    op.drop_table("stress_event")
    with op.batch_alter_table("sleep_period", schema=None) as batch_op:
        batch_op.drop_index("ix_sleep_period_user_wake")

    op.drop_table("sleep_period")
    with op.batch_alter_table("pss10", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pss10_user_id"))

    op.drop_table("pss10")
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.drop_index("ix_practice_user_start")

    op.drop_table("practice")
    op.drop_table("imported_file")
    op.drop_table("heart_rate_sample")
    with op.batch_alter_table("heart_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_heart_profile_user_id"))

    op.drop_table("heart_profile")
    with op.batch_alter_table("exercise_session", schema=None) as batch_op:
        batch_op.drop_index("ix_exercise_session_user_start")

    op.drop_table("exercise_session")
    with op.batch_alter_table("dietary_record", schema=None) as batch_op:
        batch_op.drop_index("ix_dietary_record_user_at")

    op.drop_table("dietary_record")
    op.drop_table("daily_rating")
    op.drop_table("cronometer_day")
