"""Default settings. Overridden by ``instance/config.py``, then by ``ARCHIVE_*`` environment variables.

Every setting is listed in the README. Paths left as ``None`` are derived from the instance folder in
``create_app`` so that one ``ARCHIVE_INSTANCE_PATH`` moves the whole embedded installation.
"""

# Database: SQLite file in the instance folder when None; any SQLAlchemy URL otherwise
# (e.g. postgresql+psycopg://user@host/db).
DATABASE_URL = None
# Where searches run: "whoosh" (an index on disk, in INDEX_DIR) or "postgres" (full-text search in the
# database, which every host shares). None: "postgres" when DATABASE_URL is PostgreSQL, else "whoosh".
SEARCH_BACKEND = None
# PostgreSQL search: a query matching more stories than this ranks the newest this many and lists the
# rest after them by date (ranking reads each match's words; see bench/search.py).
SEARCH_RANK_LIMIT = 1000
# Whoosh index folder; instance/index when None.
INDEX_DIR = None
# How long a writer waits for the index lock before giving up (seconds). Longer than the rewrite of one
# full segment after a withdrawal (about 20 s for 1,000 stories on 2 cores), so a publication that
# arrives meanwhile waits for it instead of failing.
INDEX_WRITER_TIMEOUT = 45.0
# The most stories one index segment holds. A withdrawal rewrites the segment that held the story so
# its words leave the index files: a smaller cap makes that faster, a larger one makes searches faster.
INDEX_SEGMENT_DOCS = 1000
# Rebuild the search index from the database, in the background, when a search finds it deleted or
# damaged (searches answer "being rebuilt" meanwhile). Off: only `story-archive reindex` rebuilds it.
SEARCH_SELF_HEAL = True
# Where media files live: "filesystem" (MEDIA_ROOT; share the folder between hosts) or "s3" (an
# S3-compatible object store: AWS S3, MinIO, Cloudflare R2, Ceph; MEDIA_ROOT then holds only each host's
# staged uploads and job work folders). Credentials come as boto3 finds them (AWS_ACCESS_KEY_ID, ...).
MEDIA_STORE = "filesystem"
# The bucket (it must exist), the endpoint (None: AWS S3), the region, and a prefix for every key.
S3_BUCKET = None
S3_ENDPOINT_URL = None
S3_REGION = None
S3_PREFIX = ""
# Media root holding originals/ and derived/; <project>/media when None.
MEDIA_ROOT = None

# Signing key for sessions and CSRF tokens. When None a random key is generated once and kept in
# instance/secret_key (mode 0600), so a fresh install is secure without configuration. On PostgreSQL
# (several hosts share the database) it must be set, the same on every host: the site refuses to start
# with a key of its own.
SECRET_KEY = None
# Key for encrypting known identifiers at rest (any string; a Fernet key is derived from it).
# Derived from SECRET_KEY when None.
IDENTIFIER_KEY = None

# Limits on typed stories and form fields.
MAX_STORY_CHARS = 200_000
MAX_TITLE_CHARS = 200
MAX_TAGS = 20
MAX_KNOWN_IDENTIFIERS = 30
MAX_QUERY_CHARS = 500
# Whole-request cap (bytes); audio uploads get their own cap later.
MAX_CONTENT_LENGTH = 2 * 1024 * 1024

# Search results per page in the library and the API.
SEARCH_PAGE_SIZE = 10

# Patient self-service: failed code/secret attempts allowed per window, per code and per address.
SELF_SERVICE_MAX_FAILURES_PER_CODE = 5
SELF_SERVICE_MAX_FAILURES_PER_ADDRESS = 20
SELF_SERVICE_WINDOW_SECONDS = 15 * 60
# How long a verified patient stays signed in to their story (seconds).
SELF_SERVICE_SESSION_SECONDS = 15 * 60

# Strict-Transport-Security on every answer sent over HTTPS (seconds browsers keep to HTTPS only;
# 0 sends none). Plain HTTP answers never carry it. Behind a proxy, TRUSTED_PROXIES lets the app know
# the request came over HTTPS.
HSTS_SECONDS = 365 * 24 * 3600
# Add includeSubDomains to that header (only when every subdomain is served over HTTPS too).
HSTS_INCLUDE_SUBDOMAINS = False

# After the free failures of a limit, the first wait (seconds); each further failure doubles it, never
# past the limit's window. A wait, not a lock: the right secret from another address is never held.
ATTEMPT_BASE_DELAY_SECONDS = 60

# Staff login: failed attempts allowed per e-mail and per address, per window.
LOGIN_MAX_FAILURES = 10
LOGIN_WINDOW_SECONDS = 15 * 60

# The consent form version new consents are recorded against when no form has been written (in the
# admin's consent forms) for the story's language.
CONSENT_FORM_VERSION = "2026-1"
# Days after a consent period ends (and its stories are hidden) before they are treated as withdrawn
# and their content deleted, unless the storyteller extends the period meanwhile.
CONSENT_EXPIRY_GRACE_DAYS = 30
# The organisation named in FHIR exports of a consent (admin: /admin/consents/<id>/fhir).
ORGANIZATION_NAME = "story-archive"
# How a storyteller reaches the archive, printed on every consent card (a phone number, an address, a
# clinic's name): e.g. "Call or text +254 700 000 000, or ask at Gitaru Health Centre". When empty the
# card says to ask the health worker who recorded the story.
CONTACT = ""

# Cookies: secure by default only when served over HTTPS; set to True behind TLS.
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True
WTF_CSRF_TIME_LIMIT = 4 * 3600

# SQLite pragmas applied on every connection (ignored for other databases).
SQLITE_BUSY_TIMEOUT_MS = 10_000

# Audio recordings (the form's whole request may be this large, plus the text fields).
MAX_AUDIO_BYTES = 200 * 1024 * 1024
MAX_AUDIO_SECONDS = 3 * 3600
# Longest any one ffmpeg run may take (seconds).
AUDIO_DECODE_TIMEOUT_SECONDS = 15 * 60
# ffmpeg to run; None: `ffmpeg` on PATH, else the binary shipped by imageio-ffmpeg.
FFMPEG_BINARY = None
# Largest total of non-file form fields in one request (bytes): a 200k-character story in any script.
MAX_FORM_MEMORY_SIZE = 4 * 1024 * 1024
# Recordings of consent given aloud ("said aloud and recorded"). Reading the consent form out and
# hearing the storyteller agree takes minutes, not hours, so a longer file is most likely the story
# itself chosen by mistake; 100 MB holds 15 minutes of 48 kHz 16-bit mono WAV. The new-story form's
# request may carry both recordings: its cap is MAX_AUDIO_BYTES + MAX_CONSENT_RECORDING_BYTES +
# MAX_FORM_MEMORY_SIZE.
MAX_CONSENT_RECORDING_BYTES = 100 * 1024 * 1024
MAX_CONSENT_RECORDING_SECONDS = 15 * 60
# A new-story form refused for something else keeps the recordings that passed their checks for the
# form's next try (seconds), so a missed box does not cost the upload again; at most 23 hours.
KEPT_RECORDING_SECONDS = 6 * 3600

# Per-account upload quotas over the last 24 hours (ingest.quotas): stories saved, and bytes of their
# recordings. Past either, the new-story form answers 429 with a message. 0 switches a limit off.
UPLOAD_STORIES_PER_DAY = 50
UPLOAD_BYTES_PER_DAY = 2_000_000_000

# Resumable uploads of recordings (tus 1.0, /ingest/uploads; ingest.resumable), waiting under
# instance/uploads until their story is saved: how many and how many bytes one account may hold at once,
# and after how long untouched an upload is swept as abandoned (seconds).
UPLOAD_MAX_PER_ACCOUNT = 8
UPLOAD_MAX_BYTES_PER_ACCOUNT = 600 * 1024 * 1024
UPLOAD_ABANDONED_SECONDS = 2 * 24 * 3600

# Speech models folder (installed and registered Vosk models); instance/models when None.
SPEECH_MODELS_DIR = None

# Background jobs: Huey on SQLite (instance/jobs.db) unless QUEUE_URL names Redis (redis://host:6379/0).
QUEUE_URL = None
# Run jobs inside the request that queues them (tests and scripts); never in production.
JOBS_IMMEDIATE = False
# Job workers started by `story-archive serve` next to the web server (0: none; run `worker` instead).
SERVE_WORKERS = 1
# A staged upload (or a scratch folder) younger than this may belong to a request still running in
# another process, so `check` and the check at every start leave it; a process that starts alone on
# the instance treats every unclaimed one as abandoned.
STAGING_GRACE_SECONDS = 3600
# The web server of `serve` (waitress; archive/shell/serving.py). Bodies over an address's cap
# (MAX_CONTENT_LENGTH; the new-story form's own) are refused with 413 before they are read. A connection
# still sending a request's headers after SERVE_HEADER_TIMEOUT seconds, or idle for
# SERVE_CHANNEL_TIMEOUT, is closed; at most SERVE_CONNECTION_LIMIT are open at once. Behind a reverse
# proxy (see the README) the proxy takes slow clients first.
SERVE_CONNECTION_LIMIT = 200
SERVE_CHANNEL_TIMEOUT = 60
SERVE_HEADER_TIMEOUT = 20
# Upkeep workers `serve` starts beside them (index clean-up after a withdrawal, watching workers,
# consent expiry): a queue of their own, so they never wait behind a transcription. At least 1.
SERVE_UPKEEP_WORKERS = 1
# What `serve` and `worker` log (archive/logs.py): DEBUG, INFO, WARNING or ERROR. Lines carry the time,
# the level and the request's id, never a story's words or a person's name.
LOG_LEVEL = "INFO"
# A running job whose heartbeat is older than this belongs to a stopped worker and is queued again.
JOB_STALE_SECONDS = 120
# How many times a job is tried before it is marked failed, and how long to wait between tries.
JOB_MAX_ATTEMPTS = 3
JOB_RETRY_DELAY_SECONDS = 30

# What replaces an accepted identifier in published text: "label" ([NAME], [PLACE], ...), or
# "pseudonym": names become made-up names, the same person the same one throughout a story (chosen per
# story, the same on every publication); other kinds keep their labels.
REDACTION_REPLACEMENT = "label"
# The countries whose phone numbers identifier detection expects in every story (ISO 3166 codes, e.g.
# ["KE", "TZ"], or "KE,TZ" from ARCHIVE_PHONE_REGIONS), besides those where the story's language is
# spoken. A long run of digits is marked either way; these decide whether it is named a phone number.
PHONE_REGIONS: list[str] | str = []
# The published recording, the only one educators ever hear: the listening copy with every accepted
# identifier covered by a soft 1 kHz "tone" or by "silence", over the identifier's words plus this
# padding on each side (the recogniser's word timings are approximate; at least 30 ms is always used,
# which also covers the Opus encoder's 20 ms frames).
AUDIO_REDACTION_STYLE = "tone"
AUDIO_REDACTION_PADDING_MS = 150

# Words the recogniser was less sure of than this (Vosk's per-word confidence, 0..1) are marked on the
# reviewer's page. Measured with the Korean model on the espeak-ng fixtures (218 words): at 0.6, 30%
# of words are marked, and the marked ones match the spoken sounds less well than the rest (jamo
# overlap 0.49 against 0.56); at 0.5 (17% marked) the marked words were no worse than the others, so a
# lower threshold would point the reviewer at noise. Raise it for a stricter reading.
TRANSCRIPT_LOW_CONFIDENCE = 0.6

# A long story is reviewed part by part, each part about this many bytes of text (UTF-8): its marked
# text, its correction box and its preview then keep the review page under the 60 KB page budget (a
# 30-minute recording, about 4,500 words, comes in five parts). A short story is one part.
REVIEW_PART_BYTES = 6000
