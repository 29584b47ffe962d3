"""Background jobs: the queue binding, job rows, the registry of job kinds, and enqueue by name.

Huey carries the messages; the ``jobs`` table holds the truth. Pages read the job row (state,
progress, error), never the queue. The pieces:

- ``kinds``: every ``JobKind`` with its queue, priority and retries;
- ``queue``: the Huey binding, one task per kind, ``send``/``enqueue``/``submit``, and the ``Binding``
  the app shell gives (which function runs each kind, and the app the workers run in);
- ``rows``: claiming, heartbeats and progress, finishing and requeueing a job row;
- ``recovery``: jobs taken back from stopped workers.
"""

from .kinds import JobKind, Queue
from .queue import (
    QUEUES,
    TASKS,
    Binding,
    bind,
    binding,
    configure_queue,
    enqueue,
    huey,
    huey_of,
    immediate,
    job_context,
    send,
    submit,
    upkeep_huey,
    use_app,
)
from .recovery import check_stale, recover, watch
from .rows import (
    WITHDRAWN,
    JobCancelled,
    claim,
    finish,
    latest,
    new_job,
    progress_reporter,
    requeue,
    stale_running,
    still_mine,
    take_back,
)

__all__ = [
    "QUEUES",
    "TASKS",
    "WITHDRAWN",
    "Binding",
    "JobCancelled",
    "JobKind",
    "Queue",
    "bind",
    "binding",
    "check_stale",
    "claim",
    "configure_queue",
    "enqueue",
    "finish",
    "huey",
    "huey_of",
    "immediate",
    "job_context",
    "latest",
    "new_job",
    "progress_reporter",
    "recover",
    "requeue",
    "send",
    "stale_running",
    "still_mine",
    "submit",
    "take_back",
    "upkeep_huey",
    "use_app",
    "watch",
]
