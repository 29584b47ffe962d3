"""reviewer's workbench: known identifiers settled, stretches marked by time, the targeted pass

Revision ID: 0009
Revises: 0012
Create Date: 2026-12-07 14:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0010'  # re-chained at merge: 0008 -> 0012 -> 0010 -> 0009
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('identifier_settlements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.String(length=32), nullable=False),
    sa.Column('identifier_id', sa.Integer(), nullable=False),
    sa.Column('how', sa.String(length=16), nullable=False),
    sa.Column('settled_by_id', sa.Integer(), nullable=True),
    sa.Column('settled_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['identifier_id'], ['known_identifiers.id'], name=op.f('fk_identifier_settlements_identifier_id_known_identifiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['settled_by_id'], ['users.id'], name=op.f('fk_identifier_settlements_settled_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_identifier_settlements_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identifier_settlements')),
    sa.UniqueConstraint('identifier_id', name=op.f('uq_identifier_settlements_identifier_id'))
    )
    with op.batch_alter_table('identifier_settlements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identifier_settlements_story_id'), ['story_id'], unique=False)

    op.create_table('time_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.String(length=32), nullable=False),
    sa.Column('start_s', sa.Float(), nullable=False),
    sa.Column('end_s', sa.Float(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('identifier_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_time_marks_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_time_marks_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_marks'))
    )
    with op.batch_alter_table('time_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_time_marks_story_id'), ['story_id'], unique=False)

    op.create_table('identifier_searches',
    sa.Column('story_id', sa.String(length=32), nullable=False),
    sa.Column('ran_at', sa.DateTime(), nullable=False),
    sa.Column('model', sa.String(length=120), nullable=True),
    sa.Column('supported', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('refused', sa.JSON(), nullable=False),
    sa.Column('hits', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], name=op.f('fk_identifier_searches_story_id_stories'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('story_id', name=op.f('pk_identifier_searches'))
    )


def downgrade():
    op.drop_table('identifier_searches')
    with op.batch_alter_table('time_marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_time_marks_story_id'))
    op.drop_table('time_marks')
    with op.batch_alter_table('identifier_settlements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identifier_settlements_story_id'))
    op.drop_table('identifier_settlements')
