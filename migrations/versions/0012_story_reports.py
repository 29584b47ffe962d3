"""story reports, names changed: educators report a problem with a published story to the reviewers;
a story says when its published text gives people made-up names

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-07 14:20:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "story_reports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("story_id", sa.String(length=32), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("note_encrypted", sa.LargeBinary(), nullable=True),
        sa.Column("at_seconds", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["users.id"],
            name=op.f("fk_story_reports_reporter_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_story_reports_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_story_reports_story_id_stories"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_reports")),
    )
    with op.batch_alter_table("story_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_story_reports_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_story_reports_resolved_at"), ["resolved_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_story_reports_story_id"), ["story_id"], unique=False)

    # In place, not through a batch rebuild of the table (see 0008: other tables' keys refuse it).
    op.add_column(
        "stories", sa.Column("names_changed", sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade():
    op.drop_column("stories", "names_changed")
    with op.batch_alter_table("story_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_reports_story_id"))
        batch_op.drop_index(batch_op.f("ix_story_reports_resolved_at"))
        batch_op.drop_index(batch_op.f("ix_story_reports_created_at"))

    op.drop_table("story_reports")
