"""Audio redaction without the app: accepted spans to padded intervals of the recording, and
``redact_audio`` on a real recording with the real ffmpeg (each build), measured sample by sample.

Figures on clinic_visit.wav (espeak-ng Korean, 16 kHz), Opus at 24 kbit/s: under the tone the copy
reads -23 dBFS (the tone's -20 dBFS peak) with over 99% of its energy at 1 kHz; silenced stretches
read under -60 dBFS, and the encoder's smearing reaches about 8 ms into an interval cut through running
speech (the last 2.5 ms frame before speech resumes at -50 dBFS), well inside the 30 ms minimum
padding. The disguise lowers the pitch by the factor 0.8 (about 105 Hz to 84 Hz) and keeps every
sample in place.
"""

from __future__ import annotations

import statistics

import pytest

from ingest.audio_redaction import (
    DISGUISE_FACTOR,
    NO_TIMINGS,
    TEXT_DIFFERS,
    AudioUnmappable,
    Interval,
    TextSpan,
    merge_intervals,
    redact_audio,
    redaction_intervals,
)
from ingest.published_audio import MIN_PADDING_S
from ingest.transcript_edit import TimedWord, typed_words
from tests.fixtures import sound
from tests.fixtures.audio import fixture

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

# -- mapping ----------------------------------------------------------------------------------------
TEXT = "어제 딸과 함께 보건소에\n\n갔습니다 마유미 여의도"
WORDS = [
    TimedWord("어제", 0.00, 0.30, 0.9),
    TimedWord("딸과", 0.40, 0.80, 0.9),
    TimedWord("함께", 0.85, 1.20, 0.9),
    TimedWord("보건소에", 1.60, 2.10, 0.9),
    TimedWord("갔습니다", 2.90, 3.40, 0.9),
    TimedWord("마유미", 3.50, 3.95, 0.9),
    TimedWord("여의도", 4.60, 5.00, 0.9),
]
DURATION = 5.1


def span_of(word: str, text: str = TEXT) -> TextSpan:
    start = text.index(word)
    return TextSpan(start, start + len(word))


def intervals(*spans: TextSpan, padding: float = 0.15, words=WORDS, text=TEXT) -> list[tuple[float, float]]:
    found = redaction_intervals(text, words, spans, DURATION, padding)
    return [(round(i.start, 3), round(i.end, 3)) for i in found]


@pytest.mark.parametrize(
    "spans, padding, want",
    [
        pytest.param([span_of("보건소에")], 0.15, [(1.45, 2.25)], id="one word, padded each side"),
        pytest.param([span_of("보건소에")], 0.0, [(1.6, 2.1)], id="no padding"),
        pytest.param(
            [TextSpan(TEXT.index("건"), TEXT.index("건") + 1)],
            0.15,
            [(1.45, 2.25)],
            id="part of a word covers the word",
        ),
        pytest.param(
            [TextSpan(TEXT.index("딸과"), TEXT.index("함께") + 2)],
            0.1,
            [(0.3, 1.3)],
            id="one span over two words",
        ),
        pytest.param(
            [span_of("딸과"), span_of("함께")], 0.1, [(0.3, 1.3)], id="overlapping after padding: joined"
        ),
        pytest.param(
            [span_of("갔습니다"), span_of("마유미")], 0.03, [(2.87, 3.98)], id="gap under 100 ms: joined"
        ),
        pytest.param(
            [span_of("마유미"), span_of("여의도")],
            0.15,
            [(3.35, 4.1), (4.45, 5.1)],
            id="apart: two, clamped at the end",
        ),
        pytest.param([span_of("어제")], 0.15, [(0.0, 0.45)], id="clamped at the start"),
        pytest.param([span_of("여의도"), span_of("어제")], 0.05, [(0.0, 0.35), (4.55, 5.05)], id="sorted"),
        pytest.param(
            [TextSpan(TEXT.index("에\n"), TEXT.index("갔") + 1)],
            0.0,
            [(1.6, 3.4)],
            id="across a paragraph break",
        ),
        pytest.param([], 0.15, [], id="nothing to cover"),
    ],
)
def test_spans_map_to_the_padded_timings_of_the_words_they_touch(spans, padding, want):
    assert intervals(*spans, padding=padding) == want


def test_a_typed_transcript_cannot_be_mapped():
    words = typed_words(TEXT)
    with pytest.raises(AudioUnmappable) as err:
        intervals(span_of("마유미"), words=words)
    assert err.value.message == NO_TIMINGS
    with pytest.raises(AudioUnmappable):
        intervals(words=words)  # nothing marked, but a typed text cannot vouch for the recording


@pytest.mark.parametrize(
    "spans, words, text",
    [
        pytest.param(
            [span_of("마유미")],
            [*WORDS[:5], TimedWord("마유미", None, None, 1.0, True), WORDS[6]],
            TEXT,
            id="a word typed where nothing was heard",
        ),
        pytest.param(
            [TextSpan(TEXT.index("\n"), TEXT.index("\n") + 2)], WORDS, TEXT, id="a span over no word"
        ),
        pytest.param(
            [span_of("마유미")], WORDS, TEXT.replace("여의도", "여의도 더"), id="text and words differ"
        ),
    ],
)
def test_a_span_that_cannot_be_placed_refuses_the_whole_recording(spans, words, text):
    with pytest.raises(AudioUnmappable) as err:
        redaction_intervals(text, words, [span_of("딸과"), *spans], DURATION, 0.15)
    # The message is shown to staff and kept on the job: offsets only, never the words.
    assert not any(w.word in err.value.message for w in WORDS)
    if text != TEXT:
        assert err.value.message == TEXT_DIFFERS


def test_merge_intervals_drops_empty_ones_and_joins_near_ones():
    got = merge_intervals(
        [Interval(2, 3), Interval(1, 1), Interval(0, 0.5), Interval(3.05, 4), Interval(0.6, 0.7)]
    )
    assert got == [Interval(0, 0.7), Interval(2, 4)]


# -- the published copy -----------------------------------------------------------------------------
SOURCE = fixture("clinic_visit.wav")
# An interval cut through running speech (the recogniser's "미디어 여러 개 의"), so what is left of
# the voice inside it, and the encoder's smearing at its edges, can be measured.
CUT = Interval(4.5, 5.2)
RAMP = 0.011  # the tone's own fade in and out, inside the interval, plus a sample


@pytest.fixture(scope="module")
def original():
    return sound.samples(SOURCE)


def test_tone_covers_each_interval_and_nothing_else(ffmpeg, tmp_path, original):
    cuts = [Interval(0.2, 0.9), CUT]
    copy = redact_audio(SOURCE, tmp_path / "published", cuts, style="tone")
    assert copy.path.suffix in (".ogg", ".mp3") and copy.path.is_file()
    heard = sound.samples(copy.path)
    assert abs(len(heard) - len(original)) < 0.03 * sound.RATE

    for cut in cuts:
        spoken = sound.part(original, cut.start, cut.end)
        inside = sound.part(heard, cut.start + RAMP, cut.end - RAMP)
        assert sound.rms(spoken) > 0.03, "there was speech there"
        assert sound.dbfs(sound.rms(inside)) == pytest.approx(-23.0, abs=1.5)  # a -20 dBFS sine
        # Nearly all the energy at 1 kHz. Not quite all: Opus may switch modes inside a long tone (a
        # few tens of ms at a lower level), an artefact of the encoder, not of the voice.
        assert sound.tone_share(inside, 1000.0) > 0.95
        # No voice under it: with the tone taken out, what is left does not follow the speech that was
        # there (|r| < 0.05), while outside the intervals the copy follows the original closely.
        residual = sound.without_tone(inside, 1000.0)
        voice = sound.part(original, cut.start + RAMP, cut.end - RAMP)
        assert abs(sound.correlation(residual, voice)) < 0.05

    # Outside: the speech as it was (against the plain original, through the same encoder), no tone.
    for lo, hi in ((1.0, 4.45), (5.25, 8.6)):
        before, after = sound.part(original, lo, hi), sound.part(heard, lo, hi)
        assert sound.rms(before) > 0.03
        assert sound.dbfs(sound.rms(after)) == pytest.approx(sound.dbfs(sound.rms(before)), abs=1.0)
        assert sound.tone_share(after, 1000.0) < 0.01
        assert sound.correlation(after, before) > 0.9


def test_silence_leaves_nothing_and_the_encoder_smears_less_than_the_padding(ffmpeg, tmp_path, original):
    copy = redact_audio(SOURCE, tmp_path / "published", [CUT], style="silence")
    heard = sound.samples(copy.path)
    assert sound.rms(sound.part(original, CUT.start, CUT.end)) > 0.03
    assert sound.dbfs(sound.rms(sound.part(heard, CUT.start, CUT.end))) < -60
    # Opus codes 20 ms frames with overlap: speech on either side bleeds a little into the silence.
    # Measure how far, in 2.5 ms steps, the copy stays above -60 dBFS from each edge inward.
    step = 0.0025
    frames = [
        sound.dbfs(sound.rms(sound.part(heard, t, t + step)))
        for t in (CUT.start + k * step for k in range(round((CUT.end - CUT.start) / step)))
    ]
    loud = [k for k, level in enumerate(frames) if level > -60]
    smear_in = max((k + 1 for k in loud if k < len(frames) / 2), default=0) * step
    smear_out = max((len(frames) - k for k in loud if k >= len(frames) / 2), default=0) * step
    assert max(smear_in, smear_out) <= 0.020, (smear_in, smear_out)
    assert max(smear_in, smear_out) < MIN_PADDING_S, "the smallest padding covers the encoder's smear"
    # Outside, the speech is unchanged.
    after = sound.part(heard, 5.3, 6.3)
    assert sound.dbfs(sound.rms(after)) == pytest.approx(
        sound.dbfs(sound.rms(sound.part(original, 5.3, 6.3))), abs=1.0
    )


def voiced_pitches(samples, starts) -> list[float]:
    return [sound.pitch(sound.part(samples, t, t + 0.04)) for t in starts]


# 40 ms stretches in the middle of vowels (levels above -20 dBFS in the fixture).
VOICED = (0.1, 0.8, 1.4, 2.5, 5.3, 6.0, 8.0)


def test_voice_disguise_lowers_the_pitch_and_keeps_every_interval_in_place(ffmpeg, tmp_path, original):
    copy = redact_audio(SOURCE, tmp_path / "published", [CUT], style="tone", disguise=True)
    plain = redact_audio(SOURCE, tmp_path / "plain", [CUT], style="tone")
    heard, undisguised = sound.samples(copy.path), sound.samples(plain.path)
    assert len(heard) == len(undisguised), "the disguise keeps the duration to the sample"

    ratios = [
        d / o for d, o in zip(voiced_pitches(heard, VOICED), voiced_pitches(original, VOICED), strict=True)
    ]
    assert statistics.median(ratios) == pytest.approx(DISGUISE_FACTOR, abs=0.02), ratios
    assert all(abs(r - DISGUISE_FACTOR) < 0.05 for r in ratios), ratios

    # The speech stays where it was (the 10 ms energy envelope lines up best with no shift), so
    # the intervals computed from the transcript's timings still cover the same words.
    def envelope(x):
        return [sound.rms(x[i : i + 160]) for i in range(0, len(x) - 160, 160)]

    a, b = envelope(original), envelope(heard)
    best = max(range(-5, 6), key=lambda lag: sum(a[i] * b[i + lag] for i in range(10, len(a) - 10)))
    assert best == 0
    inside = sound.part(heard, CUT.start + RAMP, CUT.end - RAMP)
    assert sound.tone_share(inside, 1000.0) > 0.95, "the tone is laid over the disguised voice, not disguised"
    voice = sound.part(original, CUT.start + RAMP, CUT.end - RAMP)
    assert abs(sound.correlation(sound.without_tone(inside, 1000.0), voice)) < 0.05


def test_an_unknown_style_is_refused(tmp_path):
    with pytest.raises(ValueError, match="AUDIO_REDACTION_STYLE"):
        redact_audio(SOURCE, tmp_path / "published", [CUT], style="bleep")
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_left_beside_the_copy(ffmpeg, tmp_path):
    redact_audio(SOURCE, tmp_path / "published", [CUT], disguise=True)
    assert [p.name for p in tmp_path.iterdir()] in (["published.ogg"], ["published.mp3"])
