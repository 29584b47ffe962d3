"""Every kind of background job the archive runs, with the queue it waits in and how it is retried.

A kind is named here once; ``Job.kind`` stores its value, the queue sends a job's message to the task of
its kind, and the app shell says which function runs each kind (``archive.jobs.bind``). So an area can
ask for a job of another area by its kind (consent asks for ``PUBLISH_AUDIO`` after a renewal) without
importing the code that does it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from huey import crontab


class Queue(enum.StrEnum):
    """Where a job waits, by how long its jobs take.

    The embedded queue serves both from one Huey storage, its workers taking the highest priority
    first; the names let a larger deployment give upkeep workers of their own, so that index clean-up
    after a withdrawal never waits behind a three-hour transcription.
    """

    MEDIA = "media"  # decoding, transcribing and redacting recordings: minutes to hours
    UPKEEP = "upkeep"  # index clean-up, watching workers, consent expiry: seconds


@dataclass(frozen=True)
class Spec:
    """How a kind of job runs: its queue and priority (higher first), how often a message whose task
    raised is tried again and after how long, whether a ``Job`` row carries its state (pages read the
    row, never the queue), and for a periodic kind, when it runs."""

    queue: Queue
    priority: int = 0
    retries: int = 0
    retry_delay: int = 0
    has_row: bool = False
    every: crontab | None = None


class JobKind(enum.StrEnum):
    """A kind of background job; its value is stored in ``Job.kind`` and names its queue task."""

    # A story's recording decoded, its listening copy made, transcribed offline (ingest.audio_jobs).
    TRANSCRIBE = "transcribe"
    # The recording educators hear, with identifiers covered, made at publication (ingest.published_audio).
    PUBLISH_AUDIO = "publish_audio"
    # The index files rewritten without the words of stories that left it (withdrawal, narrowing).
    SCRUB_INDEX = "scrub_index"
    # A claimed job looked at once its heartbeat could be stale, in case its worker died.
    WATCH_JOB = "watch_job"
    # Consents whose period ended hidden, and those past the grace period withdrawn (consent.expiry).
    EXPIRE_CONSENTS = "expire_consents"
    # A story its storyteller said yes to on their page, published as the reviewer asked (ingest.review).
    PUBLISH_APPROVED = "publish_approved"
    # The search index rebuilt from the database after a search found it deleted or damaged.
    REBUILD_INDEX = "rebuild_index"

    @property
    def spec(self) -> Spec:
        return SPECS[self]

    @property
    def has_row(self) -> bool:
        return SPECS[self].has_row


# Huey runs a row's task again only if it raises before the claim (a locked database, say): every later
# error is handled by the job itself, which retries under JOB_MAX_ATTEMPTS and keeps the error.
SPECS: dict[JobKind, Spec] = {
    JobKind.TRANSCRIBE: Spec(Queue.MEDIA, priority=0, retries=2, retry_delay=10, has_row=True),
    JobKind.PUBLISH_AUDIO: Spec(Queue.MEDIA, priority=1, retries=2, retry_delay=10, has_row=True),
    JobKind.SCRUB_INDEX: Spec(Queue.UPKEEP, priority=10, retries=3, retry_delay=10),
    JobKind.WATCH_JOB: Spec(Queue.UPKEEP, priority=10),
    JobKind.EXPIRE_CONSENTS: Spec(Queue.UPKEEP, priority=5, every=crontab(minute="*/15")),
    JobKind.PUBLISH_APPROVED: Spec(Queue.UPKEEP, priority=5, retries=3, retry_delay=30),
    JobKind.REBUILD_INDEX: Spec(Queue.UPKEEP, priority=8, retries=2, retry_delay=30),
}
