"""search in PostgreSQL: story_search.heard, whether a story's recording may be heard now

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-07 22:50:00.000000

The library's "Can be heard" filter and its count were answered by listing, on every search, every
story whose recording may be heard (the publication rule for audio, and a published recording), and
handing the list to the index: ~1.5 us a published story, on every search. The search row now says it
itself, written wherever the index is written (publication, the published-audio job, narrowing, a
renewal, a new end date). Rows already there are filled here from the same rule, so nobody has to
rebuild. (On SQLite the table stays empty: the Whoosh index has its own field, and ``init``/``serve``
rebuild an index of the older layout.)

Numbered 0015 so as not to take the number of 0014 (story_search.pairs), written at the same time
on another branch: whichever merges second names the other as ``down_revision``.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0013'
branch_labels = None
depends_on = None

# The publication rule for audio (archive.publication.publishable_clause) with a published recording,
# as archive.search.sync.audible_story_ids reads it; times are stored as naive UTC.
FILL = """
UPDATE story_search SET heard = true WHERE story_id IN (
    SELECT s.id FROM stories s JOIN consents c ON c.id = s.consent_id
    WHERE s.status = 'published' AND c.status = 'active'
      AND (c.expires_at IS NULL OR c.expires_at > (now() AT TIME ZONE 'UTC'))
      AND c.purpose_teaching AND c.modality_audio
      AND EXISTS (SELECT 1 FROM media_files m WHERE m.story_id = s.id AND m.kind = 'published'))
"""


def upgrade():
    with op.batch_alter_table('story_search', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heard', sa.Boolean(), server_default=sa.false(), nullable=False))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(FILL)


def downgrade():
    with op.batch_alter_table('story_search', schema=None) as batch_op:
        batch_op.drop_column('heard')
