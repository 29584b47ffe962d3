"""Media in an S3-compatible object store (AWS S3, MinIO, Cloudflare R2, Ceph), through boto3:
``MEDIA_STORE=s3``, one bucket that every host shares.

A key is the object's name under ``S3_PREFIX``. What programs need on a local disk stays local to the
host: a staged upload waits under ``MEDIA_ROOT`` until it is kept (then it is uploaded and the local
file deleted), ffmpeg reads a downloaded copy that lasts for one job, and a job attempt works in a
folder under ``MEDIA_ROOT/derived``. Credentials come the way boto3 finds them (``AWS_ACCESS_KEY_ID``
and ``AWS_SECRET_ACCESS_KEY``, a profile, an instance role); none are settings of the archive.

The tests run it against moto's standalone server (``moto_server``), since no S3 server can be
installed where they run.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from flask import Flask, Response, request, stream_with_context

from archive.errors import NotFound

from .filesystem import AREAS, FileStore
from .store import ABANDONED_AFTER_SECONDS, PENDING_PREFIX, Store

# A key as the archive makes them: an area, then one generated name (no folders, no dots first).
_KEY = re.compile(r"^(originals|derived)/[A-Za-z0-9_-][A-Za-z0-9_.-]*$")
# Bytes read from the store per chunk of a response.
_CHUNK = 64 * 1024
# S3 deletes at most this many keys per request.
_DELETE_BATCH = 1000


class S3Store(Store):
    """Objects in ``bucket`` under ``prefix``; local files (staging, work folders) under ``local_root``."""

    def __init__(self, client, bucket: str, prefix: str = "", local_root: Path | None = None):
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        # Staging and work folders are this host's own: the filesystem store's layout, on local disk.
        self.local = FileStore(Path(local_root or tempfile.mkdtemp(prefix="story-archive-media-")))

    @classmethod
    def from_config(cls, app: Flask) -> S3Store:
        cfg = app.config
        if not cfg.get("S3_BUCKET"):
            raise ValueError("MEDIA_STORE=s3 needs S3_BUCKET (and S3_ENDPOINT_URL unless it is AWS S3)")
        client = boto3.client(
            "s3",
            endpoint_url=cfg.get("S3_ENDPOINT_URL") or None,
            region_name=cfg.get("S3_REGION") or None,
            config=Config(retries={"mode": "standard", "max_attempts": 5}, s3={"addressing_style": "path"}),
        )
        return cls(client, cfg["S3_BUCKET"], cfg.get("S3_PREFIX") or "", Path(cfg["MEDIA_ROOT"]))

    def _name(self, key: str) -> str:
        """The object's name for ``key``; a key the archive would never make is refused (NotFound)."""
        if not _KEY.match(key or ""):
            raise NotFound()
        return self.prefix + key

    def staging_path(self, area: str) -> Path:
        return self.local.staging_path(area)

    def put(self, source: Path, key: str) -> None:
        self.client.upload_file(str(source), self.bucket, self._name(key))
        source.unlink()

    def take_back(self, key: str, source: Path) -> None:
        self.client.download_file(self.bucket, self._name(key), str(source))
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def _pending_name(self, key: str) -> str:
        """The object a file being kept waits under: ``PENDING_PREFIX`` before the key's last part, a
        name ``keys`` leaves out and no request can name (``_KEY`` refuses a leading dot)."""
        area, _, name = self._name(key)[len(self.prefix) :].partition("/")
        return f"{self.prefix}{area}/{PENDING_PREFIX}{name}"

    def reserve(self, source: Path, key: str) -> None:
        self.client.upload_file(str(source), self.bucket, self._pending_name(key))
        source.unlink()

    def settle(self, key: str) -> bool:
        pending = self._pending_name(key)
        try:
            self.client.copy_object(
                Bucket=self.bucket, Key=self._name(key), CopySource={"Bucket": self.bucket, "Key": pending}
            )
        except ClientError as err:
            if _missing(err):
                return False  # settled already (by the request, or by a check after a crash)
            raise
        self.client.delete_object(Bucket=self.bucket, Key=pending)
        return True

    def release(self, key: str, source: Path) -> None:
        pending = self._pending_name(key)
        self.client.download_file(self.bucket, pending, str(source))
        self.client.delete_object(Bucket=self.bucket, Key=pending)

    def pending(self) -> Iterator[tuple[str, float]]:
        now = time.time()
        for area in AREAS:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=f"{self.prefix}{area}/{PENDING_PREFIX}"
            )
            for page in pages:
                for item in page.get("Contents", []):
                    name = item["Key"][len(f"{self.prefix}{area}/{PENDING_PREFIX}") :]
                    yield f"{area}/{name}", now - item["LastModified"].timestamp()

    def drop_pending(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._pending_name(key))

    def staged(self) -> Iterator[tuple[Path, float]]:
        return self.local.staged()

    @contextlib.contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        name = self._name(key)
        folder = Path(tempfile.mkdtemp(prefix="copy-", dir=self.local._area("derived")))
        path = folder / Path(key).name
        try:
            try:
                self.client.download_file(self.bucket, name, str(path))
            except ClientError as err:
                if _missing(err):
                    raise FileNotFoundError(key) from err
                raise
            yield path
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except NotFound:
            return False
        except ClientError as err:
            if _missing(err):
                return False
            raise
        return True

    def remove(self, keys: Iterable[str]) -> None:
        names = [self._name(key) for key in keys]
        for start in range(0, len(names), _DELETE_BATCH):
            batch = names[start : start + _DELETE_BATCH]
            answer = self.client.delete_objects(
                Bucket=self.bucket, Delete={"Objects": [{"Key": n} for n in batch], "Quiet": True}
            )
            failed = [e for e in answer.get("Errors", []) if e.get("Code") != "NoSuchKey"]
            if failed:
                raise OSError(f"the store kept {len(failed)} of {len(batch)} objects it was asked to delete")

    def keys(self, area: str) -> Iterator[str]:
        if area not in AREAS:
            raise ValueError(f"no area {area!r}")
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=f"{self.prefix}{area}/"
        )
        for page in pages:
            for item in page.get("Contents", []):
                key = item["Key"][len(self.prefix) :]
                if _KEY.match(key):  # a file still being kept (``PENDING_PREFIX``) is not yet a key's
                    yield key

    def send(self, key: str, media_type: str, revalidate: bool) -> Response:
        """Stream the object, with one byte range when asked and conditional requests by its ETag."""
        name = self._name(key)
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=name)
        except ClientError as err:
            if _missing(err):  # removed by a withdrawal that committed while this request ran
                raise NotFound() from err
            raise
        size = head["ContentLength"]
        etag = head["ETag"].strip('"')
        response = Response(mimetype=media_type)
        response.set_etag(etag)
        response.last_modified = head["LastModified"]
        response.headers["Accept-Ranges"] = "bytes"
        response.headers["Cache-Control"] = "private, no-cache" if revalidate else "private, no-store"
        if request.if_none_match.contains(etag) or (
            not request.if_none_match
            and request.if_modified_since
            and head["LastModified"].replace(microsecond=0) <= request.if_modified_since
        ):
            response.status_code = 304
            return response
        asked = request.range
        if_range = request.if_range  # a range only of the same object, if the client names which
        same = (if_range.etag is None and if_range.date is None) or if_range.etag == etag
        if asked is not None and same:
            span = asked.range_for_length(size) if len(asked.ranges) == 1 else None
            if span is None:
                return Response(status=416, headers={"Content-Range": f"bytes */{size}"})
            start, stop = span
            body = self.client.get_object(Bucket=self.bucket, Key=name, Range=f"bytes={start}-{stop - 1}")
            response.status_code = 206
            response.headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
            response.content_length = stop - start
        else:
            body = self.client.get_object(Bucket=self.bucket, Key=name)
            response.content_length = size
        response.response = stream_with_context(_chunks(body["Body"]))
        return response

    def work_dir(self, name: str) -> Path:
        return self.local.work_dir(name)

    def work_dirs(self) -> Iterator[Path]:
        return self.local.work_dirs()

    def sweep_staged(self, older_than: float = ABANDONED_AFTER_SECONDS) -> int:
        return self.local.sweep_staged(older_than)

    def snapshot(self, dest: Path) -> bool:
        copied = False
        for area in AREAS:
            for key in self.keys(area):
                target = dest / key
                target.parent.mkdir(parents=True, exist_ok=True)
                self.client.download_file(self.bucket, self._name(key), str(target))
                copied = True
        return copied


def _chunks(body) -> Iterator[bytes]:
    try:
        yield from body.iter_chunks(_CHUNK)
    finally:
        body.close()


def _missing(err: ClientError) -> bool:
    return err.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")
