"""``story-archive redact-spans`` and ``redact-eval``: JSONL in, spans or scores out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.identifiers.evaluate import Score, score_record

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

SHARED_DEID = Path(__file__).resolve().parents[2] / "shared" / "data" / "deid"


@pytest.fixture
def runner(runner_without_database):
    """These commands read no database: the command line on an app without one (tests/conftest.py)."""
    return runner_without_database


def write_jsonl(path: Path, lines: list) -> Path:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), encoding="utf-8"
    )
    return path


def test_redact_spans_prints_one_line_per_record(runner, tmp_path):
    infile = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": "Please call Wanjiru on 0722 456 789."},
            {"id": "b", "text": "joe mo came home", "known": [["speaker", "Jomo Kenyatta"]]},
            {"id": "c", "text": "nothing to hide here", "language": "en"},
        ],
    )
    result = runner.invoke(args=["redact-spans", str(infile)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    text = "Please call Wanjiru on 0722 456 789."
    found = {text[s["start"] : s["end"]]: s["type"] for s in rows[0]["spans"]}
    assert found == {"Wanjiru": "NAME", "0722 456 789": "PHONE"}
    assert rows[1]["spans"] == [{"start": 0, "end": 6, "type": "NAME"}]
    assert rows[2]["spans"] == []


def test_redact_spans_answers_each_line_in_its_place_and_reports_the_unusable_ones(runner, tmp_path):
    infile = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": 1, "text": "Wanjiru"},
            "not json",
            {"id": 3},
            {"id": 4, "text": "x", "known": [5]},
            {"id": 5, "text": "ok"},
            ["a", "list"],
        ],
    )
    result = runner.invoke(args=["redact-spans", str(infile)])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r.get("id"), "spans" in r, r.get("line")) for r in rows] == [
        (1, True, None),
        (None, False, 2),
        (3, False, 3),
        (4, True, None),  # it holds a text: answered, the unusable "known" entry left out
        (5, True, None),
        (None, False, 6),
    ]
    assert rows[1]["error"].startswith("not JSON")
    assert rows[2]["error"] == 'a record is an object with a "text" string'
    assert "in.jsonl:2: skipped: not JSON" in result.stderr
    assert 'in.jsonl:3: skipped: a record is an object with a "text" string' in result.stderr
    assert 'in.jsonl:4: note: 1 "known" entries left out' in result.stderr


ODD_RECORDS = [
    pytest.param({"text": "Call 0722 481 396", "language": "english"}, id="language-a-name"),
    pytest.param({"text": "Call 0722 481 396", "language": "sw-KE"}, id="language-a-tag"),
    pytest.param({"text": "Call 0722 481 396", "language": 7}, id="language-a-number"),
    pytest.param({"text": "Call 0722 481 396", "language": ""}, id="language-empty"),
    pytest.param({"text": "Call 0722 481 396", "language": "zz"}, id="language-unknown"),
    pytest.param({"text": "Call 0722 481 396", "known": "Amina"}, id="known-a-string"),
    pytest.param({"text": "Call 0722 481 396", "known": {"value": "Amina"}}, id="known-an-object"),
    pytest.param({"text": "Call 0722 481 396", "known": 12}, id="known-a-number"),
    pytest.param({"text": "Call 0722 481 396", "known": [["speaker"], None, {"v": 1}]}, id="known-odd-items"),
    pytest.param({"text": "", "id": {"nested": [1]}}, id="empty-text-odd-id"),
    pytest.param({"text": "!?.,;:" * 50}, id="punctuation-only"),
    pytest.param({"text": "\ud800 lone surrogate \u0000 nul"}, id="lone-surrogate"),
    pytest.param({"text": "the nurse said o and o again"}, id="o-and-o"),
    pytest.param({"text": "word " * 40_000}, id="200000-characters-no-full-stop"),
    pytest.param(
        {"text": "이천이십삼 년 एट द रेट ١٢٣٤٥ ΑΘΗΝΑ 𝟘𝟙𝟚 ﷽ " * 200, "language": "ko"}, id="mixed-scripts"
    ),
]


@pytest.mark.parametrize("record", ODD_RECORDS)
def test_redact_spans_answers_every_line_that_holds_a_text(runner, tmp_path, record):
    infile = tmp_path / "in.jsonl"
    infile.write_text(json.dumps({"id": "r", **record}) + "\n", encoding="utf-8")
    result = runner.invoke(args=["redact-spans", str(infile)])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert isinstance(row["spans"], list)
    text = json.loads(json.dumps(record["text"]))
    ends = [0] + [x for s in row["spans"] for x in (s["start"], s["end"])]
    assert ends == sorted(ends) and ends[-1] <= len(text)


def test_redact_spans_reads_a_file_with_bytes_that_are_not_utf8(runner, tmp_path):
    infile = tmp_path / "in.jsonl"
    infile.write_bytes(b'{"id": 1, "text": "caf\xe9 0722 481 396"}\n{"id": 2, "text": "fine"}\n')
    result = runner.invoke(args=["redact-spans", str(infile)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 2]


def test_score_counts_tokens_documents_and_hard_negatives():
    score = Score()
    # Gold: "Wanjiru Kamau" (2 tokens); predicted covers "Wanjiru" and the word "came" (a false alarm).
    text = "Wanjiru Kamau came"
    score_record(score, text, [{"start": 0, "end": 13, "type": "NAME"}], [(0, 7), (14, 18)])
    # A hard negative with nothing predicted, and one with a false alarm.
    score_record(score, "all is well", [], [])
    score_record(score, "hope is here", [], [(0, 4)])
    assert (score.gold_tokens, score.caught) == (2, 1)
    assert (score.predicted_tokens, score.predicted_gold) == (3, 1)
    assert score.leaking == 1
    assert (score.negatives, score.negatives_flagged) == (2, 1)
    assert score.recall == pytest.approx(0.5)
    assert score.precision == pytest.approx(1 / 3)
    assert score.f2 == pytest.approx(5 * (1 / 3) * 0.5 / (4 * (1 / 3) + 0.5))


def test_redact_eval_scores_a_labelled_file(runner, tmp_path):
    infile = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "id": "1",
                "text": "Please call Wanjiru on 0722 456 789.",
                "spans": [{"start": 12, "end": 19, "type": "NAME"}],
            },
            {"id": "2", "text": "The nurse was kind to me.", "spans": []},
        ],
    )
    result = runner.invoke(args=["redact-eval", "--json", str(infile)])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == 2
    assert figures["token_recall"] == 1.0
    # The phone number is predicted but not labelled: 1 gold token of 4 predicted tokens.
    assert figures["token_precision"] == 0.25
    assert figures["hard_negatives"] == 1 and figures["hard_negatives_flagged"] == 0
    assert figures["characters_per_second"] > 0


def test_redact_eval_refuses_spans_outside_the_text(runner, tmp_path):
    infile = write_jsonl(
        tmp_path / "gold.jsonl", [{"id": "1", "text": "short", "spans": [{"start": 2, "end": 99}]}]
    )
    result = runner.invoke(args=["redact-eval", str(infile)])
    assert result.exit_code == 1
    assert "skipped" in result.stderr


@pytest.mark.skipif(not SHARED_DEID.is_dir(), reason="../shared/data/deid is not beside the project")
@pytest.mark.parametrize("name", ["dev-written", "dev-spoken"])
def test_redact_eval_runs_on_the_development_data(runner, name):
    result = runner.invoke(args=["redact-eval", "--json", str(SHARED_DEID / f"{name}.jsonl")])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == 2025 and figures["skipped_lines"] == 0
    # Recall comes first: far above what a general-purpose tool gets on these files (0.71 / 0.23).
    assert figures["token_recall"] >= 0.9


def test_redact_spans_takes_phone_regions_and_a_records_country(runner, tmp_path):
    """An eight-digit number valid in Guatemala is a phone number there; without the country it is
    still found, as a number."""
    text = "Llámame al 5523 8817 mañana."
    infile = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": text, "language": "es"},
            {"id": "b", "text": text, "language": "es", "country": "GT"},
        ],
    )
    plain = runner.invoke(args=["redact-spans", str(infile)])
    named = runner.invoke(args=["redact-spans", "--phone-regions", "gt", str(infile)])
    assert plain.exit_code == 0 and named.exit_code == 0
    kinds = [[s["type"] for s in json.loads(line)["spans"]] for line in plain.stdout.splitlines()]
    assert kinds == [["ID"], ["PHONE"]]
    assert [[s["type"] for s in json.loads(line)["spans"]] for line in named.stdout.splitlines()] == [
        ["PHONE"]
    ] * 2
    refused = runner.invoke(args=["redact-spans", "--phone-regions", "Kenya", str(infile)])
    assert refused.exit_code == 2 and "not ISO 3166" in refused.output
