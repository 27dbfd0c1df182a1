"""information requests

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 12:11:44.724648
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "information_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("agency", sa.String(length=16), nullable=False),
        sa.Column("partner", sa.String(length=16), nullable=False),
        sa.Column("about", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("agreement", sa.String(length=64), nullable=False),
        sa.Column("handling_code", sa.String(length=32), nullable=False),
        sa.Column("grading", sa.String(length=16), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("conversation", sa.JSON(), nullable=False),
        sa.Column("requested_by", sa.String(length=63), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_information_requests")),
    )
    with op.batch_alter_table("information_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_information_requests_status", ["direction", "status", "deadline"], unique=False
        )
        batch_op.create_index("ix_information_requests_uid", ["direction", "uid"], unique=True)


def downgrade() -> None:

    with op.batch_alter_table("information_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_information_requests_uid")
        batch_op.drop_index("ix_information_requests_status")

    op.drop_table("information_requests")
