"""document reports shared by partners: owner, origin and agreement

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document_reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("owner_agency", sa.String(length=16), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("origin_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("shared_under", sa.String(length=64), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("document_reports", schema=None) as batch_op:
        batch_op.drop_column("shared_under")
        batch_op.drop_column("origin_id")
        batch_op.drop_column("owner_agency")
