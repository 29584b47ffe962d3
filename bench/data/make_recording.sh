#!/usr/bin/env bash
# Make bench/data/illness_story.m4a, the recording bench/transcribe.py measures.
#
# Run once by hand when the recording has to change; `make bench` and CI use the committed file, because
# a fresh machine has no espeak-ng. Needs espeak-ng (with its Korean voice) and an ffmpeg with the aac
# encoder: by default the one in the imageio-ffmpeg wheel in the project's .venv (set FFMPEG to use
# another; the project never needs a system ffmpeg).
#
#   bench/data/make_recording.sh
#
# The story, one sentence a line, is in illness_story.ko.txt (original writing for this project, about
# a mother's diabetes and the nurse who visited her). espeak-ng reads it at 160 words a minute, the speed
# of the test fixtures, which gives about 82 s of speech. It is encoded the way a phone's voice recorder
# stores speech: AAC in an m4a, mono, 48 kHz, asked for 32 kbit/s (ffmpeg's encoder lands near 41), so
# the pipeline has a real decode and resample to do (~430 KB). Written bit-exact and without metadata,
# so a rerun with the same tools gives the same bytes.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
FFMPEG="${FFMPEG:-$("$PYTHON" -c 'import imageio_ffmpeg; print(imageio_ffmpeg.get_ffmpeg_exe())')}"
ESPEAK="${ESPEAK:-espeak-ng}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$ESPEAK" -v ko -s 160 -w "$WORK/speech.wav" -f "$HERE/illness_story.ko.txt"
"$FFMPEG" -hide_banner -loglevel error -nostdin -y -i "$WORK/speech.wav" \
    -map_metadata -1 -fflags +bitexact -flags:a +bitexact \
    -ac 1 -ar 48000 -c:a aac -b:a 32k "$HERE/illness_story.m4a"

ls -l "$HERE/illness_story.m4a"
