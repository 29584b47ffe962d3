"""How the index's segments are merged: each kept under a cap of stories, and each segment holding
deleted stories rewritten on its own when scrubbing, so no index file keeps a withdrawn story's words."""

from __future__ import annotations

from whoosh import writing
from whoosh.reading import SegmentReader

# Folding small segments together pays only when there are a few of them (one per publish, otherwise).
_MERGE_FANIN = 4


def segment_policy(index_, cap: int, scrub: bool):
    """Whoosh merge policy that keeps every segment at most ``cap`` documents.

    With ``scrub``, each segment holding deleted documents is rewritten on its own (a plain Whoosh
    delete only marks a document deleted: its words and stored text stay in the segment's files until
    the segment is rewritten). Rewriting costs time in proportion to the segment's size, which is why
    segments are capped: a withdrawal rewrites at most ``cap`` stories, whatever the archive's size.
    Small segments (one per publish) are folded into the commit's new segment, ``_MERGE_FANIN`` or more
    at a time, as long as the result stays within the cap.
    """

    def policy(writer, segments):
        kept, small = [], []
        for segment in segments:
            if scrub and segment.has_deletions():
                rewritten = _rewrite_alone(index_, writer, segment)
                if rewritten is not None:
                    kept.append(rewritten)
            elif segment.doc_count_all() < cap:
                small.append(segment)
            else:
                kept.append(segment)
        small.sort(key=lambda s: s.doc_count_all())
        total, fold = writer.doc_count(), []
        for segment in small:
            if total + segment.doc_count_all() > cap:
                break
            total += segment.doc_count_all()
            fold.append(segment)
        if len(fold) < _MERGE_FANIN:
            fold = []
        for segment in fold:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)  # deleted documents are left behind
            reader.close()
        return kept + [s for s in small if s not in fold]

    return policy


def _rewrite_alone(index_, writer, segment):
    """Copy ``segment``'s live documents into a new segment of their own; None if none are left.

    A second, unlocked segment writer does the copy (as Whoosh's multiprocessing writer does): the
    commit's own writer would merge every rewritten segment into one and break the cap. The caller
    holds the index lock and commits the new segment in place of the old one.
    """
    reader = SegmentReader(writer.storage, writer.schema, segment)
    try:
        if reader.doc_count() == 0:
            return None
        sub = writing.SegmentWriter(index_, _lk=False)
        sub.add_reader(reader)
        return sub._finalize_segment()
    finally:
        reader.close()
