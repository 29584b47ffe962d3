"""session generations: signing out (or a new password) ends a session on the server

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-07 14:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, never a batch rebuild (see 0008: a rebuild of consents would cascade into
    # consent_events on SQLite).
    op.add_column('users', sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))
    op.add_column('consents', sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    op.drop_column('consents', 'session_generation')
    op.drop_column('users', 'session_generation')
