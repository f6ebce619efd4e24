"""food sources: foods of FoodData Central, Open Food Facts and a person's own recipes beside USDA SR (longer food
ids, provenance, barcodes, estimated values, owner of a person's own food)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

FOOD_ID_COLUMNS = (("food", "ndb_no"), ("food_nutrient", "ndb_no"), ("portion", "ndb_no"), ("food_entry", "ndb_no"),
                   ("food_choice", "ndb_no"))


def upgrade() -> None:
    for table, column in FOOD_ID_COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.String(length=5), type_=sa.String(length=64),
                                  existing_nullable=False)
    with op.batch_alter_table("food", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data_type", sa.String(length=24), nullable=False, server_default="sr28"))
        batch_op.add_column(sa.Column("source_id", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("link_ndb", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("barcode", sa.String(length=14), nullable=True))
        batch_op.add_column(sa.Column("ingredients", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("licence", sa.String(length=16), nullable=False, server_default="CC0-1.0"))
        batch_op.add_column(sa.Column("energy_basis", sa.String(length=160), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_food_owner_id_person", "person", ["owner_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index(batch_op.f("ix_food_barcode"), ["barcode"], unique=False)
        batch_op.create_index(batch_op.f("ix_food_owner_id"), ["owner_id"], unique=False)
    op.execute("UPDATE food SET source_id = ndb_no, link_ndb = ndb_no")
    with op.batch_alter_table("food_release", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data_type", sa.String(length=24), nullable=False, server_default="sr28"))
    op.create_table(
        "food_estimate",
        sa.Column("ndb_no", sa.String(length=64), nullable=False),
        sa.Column("nutr_no", sa.String(length=3), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("low", sa.Float(), nullable=False),
        sa.Column("high", sa.Float(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["ndb_no"], ["food.ndb_no"], name="fk_food_estimate_ndb_no_food"),
        sa.PrimaryKeyConstraint("ndb_no", "nutr_no"),
    )


def downgrade() -> None:
    op.drop_table("food_estimate")
    with op.batch_alter_table("food_release", schema=None) as batch_op:
        batch_op.drop_column("data_type")
    with op.batch_alter_table("food", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_food_owner_id"))
        batch_op.drop_index(batch_op.f("ix_food_barcode"))
        batch_op.drop_constraint("fk_food_owner_id_person", type_="foreignkey")
        for column in ("owner_id", "energy_basis", "licence", "ingredients", "barcode", "link_ndb", "source_id",
                       "data_type"):
            batch_op.drop_column(column)
    for table, column in reversed(FOOD_ID_COLUMNS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.String(length=64), type_=sa.String(length=5),
                                  existing_nullable=False)
