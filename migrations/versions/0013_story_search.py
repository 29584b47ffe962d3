"""search in PostgreSQL: story_search with a tsvector and GIN indexes

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 14:30:00.000000

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0009'  # re-chained at merge: 0008 -> 0012 -> 0010 -> 0009 -> 0013
branch_labels = None
depends_on = None

WORDS = sa.JSON().with_variant(postgresql.ARRAY(sa.Text()), 'postgresql')
TSVECTOR = sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql')


def upgrade():
    op.create_table('story_search',
    sa.Column('story_id', sa.String(length=32), nullable=False),
    sa.Column('config', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('tags', WORDS, nullable=False),
    sa.Column('warnings', WORDS, nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('document', TSVECTOR, nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_story_search_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('story_id', name=op.f('pk_story_search'))
    )
    with op.batch_alter_table('story_search', schema=None) as batch_op:
        batch_op.create_index('ix_story_search_document', ['document'], unique=False, postgresql_using='gin')
        batch_op.create_index('ix_story_search_tags', ['tags'], unique=False, postgresql_using='gin')
        batch_op.create_index('ix_story_search_published_at', ['published_at'], unique=False)


def downgrade():
    with op.batch_alter_table('story_search', schema=None) as batch_op:
        batch_op.drop_index('ix_story_search_published_at')
        batch_op.drop_index('ix_story_search_tags')
        batch_op.drop_index('ix_story_search_document')

    op.drop_table('story_search')
