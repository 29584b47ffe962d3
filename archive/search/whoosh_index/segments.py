"""How the index's segments are merged: each kept under a cap of stories, and each segment holding
deleted stories rewritten on its own when scrubbing, so no index file keeps a withdrawn story's words.

Scrubbing copies a segment without its deleted stories' traces, in place (``scrub_in_place``): the
deleted stories keep their document numbers as empty, still-deleted places, so that every term none of
them used keeps its postings byte for byte (copied, not decoded) and only the terms they used are
rewritten. Whoosh's own copy (``add_reader``) renumbers the documents and so decodes and re-encodes every
posting of every term: 17-20 s for a 1,000-story segment on this machine, most of it for the
word-pair terms (``body_pairs``: a few hundred thousand terms a segment, nearly all of one story).
When the empty places reach half a segment, it is copied the Whoosh way instead, which drops them.
"""

from __future__ import annotations

import bisect
import functools
import io
import struct
from hashlib import md5

from whoosh import writing
from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocWriter,
    W3TermInfo,
)
from whoosh.filedb.filetables import md5_hash
from whoosh.filedb.structfile import StructFile
from whoosh.reading import SegmentReader
from whoosh.system import _INT_SIZE, pack_int

from .analysis import COUNTS_OF, PAIRS_OF
from .postings import read_block

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
            if scrub and needs_scrub(segment):
                rewritten = scrub_segment(index_, writer, segment)
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


# Set on a segment (Whoosh pickles the segment's attributes into the index's table of contents) to the
# deleted documents whose traces ``scrub_in_place`` took out: empty places, nothing left to scrub.
SCRUBBED = "archive_scrubbed"


def scrubbed_docs(segment) -> frozenset[int]:
    """The deleted documents of ``segment`` whose words are already gone from its files."""
    return getattr(segment, SCRUBBED, frozenset())


def needs_scrub(segment) -> bool:
    """Whether ``segment`` holds deleted documents whose words are still in its files."""
    return segment.has_deletions() and not set(segment.deleted_docs()) <= scrubbed_docs(segment)


def scrub_segment(index_, writer, segment):
    """The segment to commit in place of ``segment``, without the traces of its deleted documents (None
    if no document is left): written in place while at most half of it would be empty places, else
    copied the Whoosh way (dropping the places)."""
    if segment.doc_count() * 2 < segment.doc_count_all() or not _can_scrub_in_place(writer, segment):
        return _rewrite_alone(index_, writer, segment)
    return scrub_in_place(writer, segment)


def _can_scrub_in_place(writer, segment) -> bool:
    return (
        isinstance(writer.codec, W3Codec)
        and isinstance(segment.codec(), W3Codec)
        and not any(field.vector for field in writer.schema)
    )


# W3TermInfo's fixed part: flags, weight, df, min and max length, max weight, first and last id; then
# either the postings' offset and length in the postings file, or the postings themselves (inlined).
_TERMINFO = W3TermInfo._struct
_ID_RANGE = struct.Struct("!II")
_ID_RANGE_AT = _TERMINFO.size - _ID_RANGE.size
_OFFSET_AT = _TERMINFO.size
_DF, _DF_AT = struct.Struct("!I"), 5  # after the flags (B) and the weight (f)
_EXTENT = struct.Struct("!qi")  # pack_long, pack_int
# A terms table's record: key and value lengths (as ``filetables._lengths``), key, value; a key starts
# with its field's number.
_RECORD_LENGTHS = struct.Struct("!ii")
_FIELD_NUMBER = struct.Struct("!H")


def scrub_in_place(writer, segment):
    """Copy ``segment`` into a new segment of the same documents in which the deleted ones are empty.

    Stored fields, lengths and columns are copied per document (nothing for a deleted one). Terms are
    copied in order: a term whose postings hold no deleted document keeps its postings' bytes (only
    their offset in the new postings file changes); a term that does is re-encoded without them, and
    left out when nothing is left (a word only deleted stories used). The deleted documents stay
    marked deleted, and are recorded as scrubbed (``SCRUBBED``). The caller holds the index lock and
    commits the returned segment in place of ``segment``.
    """
    storage, schema, codec = writer.storage, writer.schema, writer.codec
    deleted = frozenset(segment.deleted_docs())
    pending = deleted - scrubbed_docs(segment)  # an earlier scrub took the others' postings out
    doccount = segment.doc_count_all()
    new = codec.new_segment(storage, writer.indexname)
    reader = SegmentReader(storage, schema, segment)
    try:
        terms_of = _terms_of(reader, schema, pending)
        lengths = _copy_per_document(reader, schema, codec, storage, new, doccount, deleted)
        _copy_terms(reader, schema, codec, storage, new, pending, terms_of, lengths)
    finally:
        reader.close()
    new.set_doc_count(doccount)
    for docnum in sorted(deleted):
        new.delete_document(docnum)
    setattr(new, SCRUBBED, deleted)
    new.create_compound_file(storage)
    return new


def _terms_of(reader, schema, docnums) -> dict[str, frozenset[bytes]]:
    """For each field whose terms can be told from what the documents store, their terms.

    The deleted documents' stored values, indexed again by the index's own fields (its schema, with
    its analyzers, is pickled with it), give the terms each held: a stored field from its own value,
    a field derived from another (``PAIRS_OF``, ``COUNTS_OF``: written from the same text) from its
    source's. A field not told here is checked in its postings.
    """
    sources = {name: name for name, field in schema.items() if field.stored}
    sources.update({derived: source for source, derived in (*PAIRS_OF.items(), *COUNTS_OF.items())})
    found: dict[str, set[bytes]] = {name: set() for name in sources if name in schema}
    for docnum in docnums:
        stored = reader.stored_fields(docnum)
        for fieldname, terms in found.items():
            value = stored.get(sources[fieldname])
            if value is not None and schema[fieldname].indexed:
                terms.update(tbytes for tbytes, _freq, _weight, _value in schema[fieldname].index(value))
    return {name: frozenset(terms) for name, terms in found.items()}


def _copy_per_document(reader, schema, codec, storage, new, doccount, deleted) -> dict[str, list[int]]:
    """Write the new segment's stored fields, lengths and columns; return each field's lengths."""
    perdoc: W3PerDocWriter = codec.per_document_writer(storage, new)
    columns = {}
    for fieldname, field in schema.items():
        if field.column_type and reader.has_column(fieldname):
            columns[fieldname] = reader.column_reader(fieldname, field.column_type, translate=False)
    lengths: dict[str, list[int]] = {name: [0] * doccount for name in schema.names()}
    try:
        for docnum in range(doccount):
            perdoc.start_doc(docnum)
            if docnum not in deleted:
                stored = reader.stored_fields(docnum)
                for fieldname in schema.names():
                    length = reader.doc_field_length(docnum, fieldname)
                    lengths[fieldname][docnum] = length
                    perdoc.add_field(fieldname, schema[fieldname], stored.get(fieldname), length)
                    if fieldname in columns:
                        value = columns[fieldname][docnum]
                        perdoc.add_column_value(fieldname, schema[fieldname].column_type, value)
            perdoc.finish_doc()
    finally:
        perdoc.close()
    return lengths


def _copy_terms(reader, schema, codec, storage, new, deleted, terms_of, lengths) -> None:
    """Write the new segment's terms and postings (see ``scrub_in_place``).

    The terms table is read and written record by record in memory (Whoosh's reader and writer step
    through a file object per record: most of the time, over the segment's few hundred thousand
    word pairs), in the same format and order, and the postings are written in one piece.
    """
    terms = reader._terms  # Whoosh's W3TermsReader: the raw terms table and postings file
    table, postfile = terms._tindex, terms._postfile
    postfile.seek(0)
    postings = memoryview(postfile.read())
    records = table.dbfile.get(table.startofdata, table.endofdata - table.startofdata)
    names = {number: name for name, number in terms._fieldmap.items()}
    fields: W3FieldWriter = codec.field_writer(storage, new)
    fields._fieldmap.update(terms._fieldmap)  # the same field numbers, so the keys are copied as they are
    unpack_lengths, unpack_ids = _RECORD_LENGTHS.unpack_from, _ID_RANGE.unpack_from
    unpack_extent, unpack_field = _EXTENT.unpack_from, _FIELD_NUMBER.unpack_from
    unpack_df = _DF.unpack_from
    gone = sorted(deleted)
    kept: list[tuple[bytes, bytes]] = []
    chunks: list = []
    at = fields._postfile.tell()
    pos, end = 0, len(records)
    try:
        while pos < end:
            keylen, valuelen = unpack_lengths(records, pos)
            start = pos + _RECORD_LENGTHS.size
            pos = start + keylen + valuelen
            key, value = records[start : start + keylen], records[start + keylen : pos]
            first, last = unpack_ids(value, _ID_RANGE_AT)
            n = bisect.bisect_left(gone, first)
            if n < len(gone) and gone[n] <= last:  # a deleted document may be among its postings
                fieldname = names[unpack_field(key)[0]]
                known = terms_of.get(fieldname)
                held = key[_FIELD_NUMBER.size :] in known if known is not None else True
            else:
                held = False
            if held and (first in deleted or last in deleted or unpack_df(value, _DF_AT)[0] > 2):
                # (of a term in one or two documents, those are its first and last)
                found = _without(
                    codec, postfile, postings, value, schema[fieldname], gone, lengths[fieldname], at
                )
                if found is None:
                    continue  # only deleted documents held this term: it leaves the index
                value, data = found
                chunks.append(data)
                at += len(data)
            elif not value[0]:  # not inlined: the same postings' bytes, where the new file has them
                offset, length = unpack_extent(value, _OFFSET_AT)
                value = value[:_OFFSET_AT] + _EXTENT.pack(at, length)
                chunks.append(postings[offset : offset + length])
                at += length
            kept.append((key, value))
        fields._postfile.write(b"".join(chunks))
        _write_terms_table(fields._tindex, kept)
    finally:
        fields.close()


def _write_terms_table(table, records: list[tuple[bytes, bytes]]) -> None:
    """What ``OrderedHashWriter.add`` writes for each record (in increasing key order), in one write."""
    if table.hashfn is not md5_hash:
        for key, value in records:
            table.add(key, value)
        return
    dbfile, buckets = table.dbfile, table.buckets
    pos = dbfile.tell()
    positions, parts = [], []
    pack = _RECORD_LENGTHS.pack
    for key, value in records:
        positions.append(pos)
        h = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")  # md5_hash, faster
        buckets[h & 255].append((h, pos))
        parts += (pack(len(key), len(value)), key, value)
        pos += _RECORD_LENGTHS.size + len(key) + len(value)
    dbfile.write(b"".join(parts))
    if records:
        table.index.append(positions[-1])  # the largest: widens the array's type as Whoosh's would
        table.index.array.pop()
        table.index.array.extend(positions)
        table.lastkey = records[-1][0]
    table._write_hashes = functools.partial(_write_hash_tables, table)  # what close() writes next


def _write_hash_tables(table) -> None:
    """``HashWriter._write_hashes``, the same tables, each packed in one piece (Whoosh writes each slot
    of each table with a call of its own: half a million for a segment's word pairs)."""
    dbfile = table.dbfile
    for entries in table.buckets:
        numslots = 2 * len(entries)
        table.directory.append((dbfile.tell(), numslots))
        if not numslots:
            continue
        hashes, positions = [0] * numslots, [0] * numslots
        for hashval, position in entries:
            slot = (hashval >> 8) % numslots
            while positions[slot]:  # taken (no record starts at 0: the file's header is there)
                slot = (slot + 1) % numslots
            hashes[slot], positions[slot] = hashval, position
        slots = [value for pair in zip(hashes, positions, strict=True) for value in pair]
        dbfile.write(struct.pack("!" + "Iq" * numslots, *slots))


def _without(codec, postfile, postings, value, field, gone, lengths, at) -> tuple[bytes, bytes] | None:
    """One term's postings (``value``, its term info's bytes) without the deleted documents (``gone``,
    sorted), to be written at ``at`` in the new postings file: the new term info's bytes and the
    postings', or None when no posting is left.

    Block by block: a block that cannot hold a deleted document (none between the previous block's
    last document and its own last) is copied as it is; only the others are decoded and written again.
    """
    info = W3TermInfo.from_bytes(value)
    deleted = frozenset(gone)
    if info.is_inlined():  # Whoosh inlines no postings by default: kept for an index that does
        postings_of = codec.postings_reader(postfile, info, field.format)
        return _reencoded(codec, postings_of, field, deleted, lengths, at)
    offset, length = info.extent()
    matcher = W3LeafMatcher(postfile, offset, length, field.format)
    new, blocks, removed_weight = W3TermInfo(), [], 0.0
    start, previous_last, first_block = matcher._baseoffset, -1, True
    while True:
        end, last_id = matcher._nextoffset, matcher._maxid
        n = bisect.bisect_right(gone, previous_last)
        if n < len(gone) and gone[n] <= last_id and _holds(matcher, deleted):
            block, weight = _block_without(codec, matcher, field, deleted, lengths)
            removed_weight += weight
        else:
            first_id = info._minid if first_block else None
            block = _RawBlock(matcher, postings[start + _INT_SIZE : end], first_id)
        if block is not None:
            new.add_block(block)
            blocks.append(block.data)
        if matcher._lastblock:
            break
        previous_last, start, first_block = last_id, end, False
        matcher._next_block()
    if not blocks:
        return None
    new._weight = info.weight() - removed_weight  # a copied block's weights are not decoded
    parts = [WHOOSH3_HEADER_MAGIC]
    for n, data in enumerate(blocks):
        parts += (pack_int(-len(data) if n == len(blocks) - 1 else len(data)), data)  # negative: the last
    data = b"".join(parts)
    new.set_extent(at, len(data))
    return new.to_bytes(), data


def _holds(matcher, deleted) -> bool:
    """Whether the matcher's current block holds a deleted document (its documents are decoded)."""
    read_block(matcher)
    return not deleted.isdisjoint(matcher._ids)


class _RawBlock:
    """A block copied as it is: what ``W3TermInfo.add_block`` reads of it, from its header (its
    weights are not decoded: they count in the term's total weight as they did)."""

    _weights = ()

    def __init__(self, matcher, data: bytes, first_id: int | None):
        self.data = data
        self._matcher = matcher
        self._count = matcher._blocklength
        self._first_id = first_id
        self._last_id = matcher._maxid
        self._min_length, self._max_length = matcher._minlength, matcher._maxlength
        self._max_weight = matcher._maxweight

    def __len__(self):
        return self._count

    def min_id(self):
        if self._first_id is None:  # only asked of the first block kept, when an earlier one went
            read_block(self._matcher)
            self._first_id = self._matcher._ids[0]
        return self._first_id

    def max_id(self):
        return self._last_id

    def min_length(self):
        return self._min_length or None  # the header keeps "no length" as 0

    def max_length(self):
        return self._max_length

    def max_weight(self):
        return self._max_weight


class _EncodedBlock:
    """A block written again (``_block_without``): the bytes after its length, and its statistics."""

    def __init__(self, writer):
        self.data = b""
        self._weights = list(writer._weights)
        self._count = len(writer)
        self._ids = (writer.min_id(), writer.max_id())
        self._lengths = (writer.min_length(), writer.max_length())
        self._max_weight = writer.max_weight()

    def __len__(self):
        return self._count

    def min_id(self):
        return self._ids[0]

    def max_id(self):
        return self._ids[1]

    def min_length(self):
        return self._lengths[0]

    def max_length(self):
        return self._lengths[1]

    def max_weight(self):
        return self._max_weight


def _block_without(codec, matcher, field, deleted, lengths) -> tuple[_EncodedBlock | None, float]:
    """The matcher's current block without the deleted documents (None if none is left), and the
    weight taken out."""
    read_block(matcher)
    if matcher._values is None:
        matcher._read_values()
    buffer = StructFile(io.BytesIO())
    writer = codec.postings_writer(buffer)
    writer.start_postings(field.format, W3TermInfo())
    removed = 0.0
    for docnum, weight, value in zip(matcher._ids, matcher._weights, matcher._values, strict=True):
        if docnum in deleted:
            removed += weight
        else:
            writer.add_posting(docnum, weight, value or b"", lengths[docnum])
    if not len(writer):
        return None, removed
    block = _EncodedBlock(writer)
    writer._write_block()  # the header tag, the length, then the block's bytes
    block.data = buffer.file.getvalue()[len(WHOOSH3_HEADER_MAGIC) + _INT_SIZE :]
    return block, removed


def _reencoded(codec, matcher, field, deleted, lengths, at) -> tuple[bytes, bytes] | None:
    """A term's postings written again without the deleted documents, one by one (inlined ones)."""
    kept = []
    while matcher.is_active():
        docnum = matcher.id()
        if docnum not in deleted:
            kept.append((docnum, matcher.weight(), matcher.value()))
        matcher.next()
    if not kept:
        return None
    buffer = StructFile(io.BytesIO())
    writer = codec.postings_writer(buffer)
    writer.start_postings(field.format, W3TermInfo())
    for docnum, weight, value in kept:
        writer.add_posting(docnum, weight, value or b"", lengths[docnum])
    info = writer.finish_postings()
    if not info.is_inlined():
        info.set_extent(at + info._offset, info._length)
    return info.to_bytes(), buffer.file.getvalue()
