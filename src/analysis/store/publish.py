"""Publishing a build whole: every output of one build in its own folder, made current in one step.

Layout of an output folder (``data/processed/``)::

    .lock                       held (fcntl.flock) by the build writing this folder
    .versions/<id>/             one complete build: <table>.parquet, <table>.csv, changes.md,
                                report_tables.xlsx (while it fits Excel), manifest.json
    .versions/.tmp-<id>/        a build being written (removed by the next build if it was killed)
    current -> .versions/<id>   the published build: a symlink replaced by rename(2), atomically
    <table>.csv -> current/<table>.csv, <table>.parquet, changes.md, ...   where analysts look

A build writes its files into ``.versions/.tmp-<id>/``, then ``manifest.json`` (every file with
its size and SHA-256), renames the folder to ``.versions/<id>/`` and switches ``current`` to it.
Killed at any point, the folder shows the old build or the new one, never a mix: until the
switch ``current`` names the old version, which no build touches. Readers resolve ``current``
once and read every table from that one version, checking each file against its manifest
(:func:`read_verified`), so a folder whose files do not belong together is refused.

The previous version is kept (a reader that resolved it a moment before the switch can finish);
older ones, and the ``.tmp-*`` folders of killed builds, are removed by the next build.

``reports/`` (``python -m analysis report``) is published the same way: a version holds folders
too (``figures/``, ``tables/``, ``notebooks/``), its manifest lists every file by its path in the
version (``figures/x.png``), and ``reports/figures`` is a link to ``current/figures`` as
``reports/briefing.html`` is to ``current/briefing.html``.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

VERSIONS = ".versions"
CURRENT = "current"
LOCK = ".lock"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
_LEGACY_TMP = ".build-"  # the temporary folders of builds before versioned publishing


class StoreError(Exception):
    """The output folder cannot be written or read as a whole build; the message says what to do."""


class BuildLocked(StoreError):
    """Another build holds the output folder's lock."""


class InconsistentStore(StoreError):
    """The files of an output folder do not belong to one build."""


def _checkpoint(stage: str) -> None:
    """Called at each step of publishing (tests kill the process here to show that every
    point leaves the old build or the new one)."""


# --- the lock --------------------------------------------------------------------------------


class BuildLock:
    """An exclusive ``fcntl.flock`` on ``<out>/.lock`` for the length of a build. The kernel
    drops it when the process ends, however it ends, so a killed build leaves no stale lock.

    Parameters
    ----------
    out_dir : path
        The output folder (created if missing).
    wait : float
        Seconds to wait for another build to finish; 0 stops at once.
    """

    def __init__(self, out_dir: Path, wait: float = 0.0):
        self.out_dir, self.wait = Path(out_dir), wait
        self._fd: int | None = None

    def __enter__(self) -> "BuildLock":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / LOCK
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                    os.close(fd)
                    raise BuildLocked(
                        f"{self.out_dir}: another build is writing this folder ({holder or 'its process is unknown'}); "
                        "wait for it to finish and run the build again (its tables are published whole when it ends)"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {dt.datetime.now().isoformat(timespec='seconds')}".encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the flock
            self._fd = None


# --- reading the published build --------------------------------------------------------------


def current_version(out_dir: Path) -> Path | None:
    """The folder of the published build (``current`` resolved once), or None if there is none."""
    link = Path(out_dir) / CURRENT
    try:
        target = os.readlink(link)
    except FileNotFoundError:
        return None
    except OSError:  # `current` is a folder, not a link: a copy of a version made by hand
        return link if (link / MANIFEST).is_file() else None
    return (link.parent / target).resolve()


def version_folder(directory: Path) -> Path:
    """Where the tables of ``directory`` are: its published version, or ``directory`` itself if
    it holds a manifest (a version folder, or a copy of one).

    Raises
    ------
    FileNotFoundError
        If there is no build there (run ``python -m analysis build``).
    """
    directory = Path(directory)
    version = current_version(directory)
    if version is not None:
        return version
    if (directory / MANIFEST).is_file() and not (directory / MANIFEST).is_symlink():
        return directory
    if any(directory.glob("*.csv")):
        raise FileNotFoundError(
            f"{directory}: tables without a manifest (written by an older version, or copied by hand), so nothing "
            "shows that they belong to one build: run `python -m analysis build` to publish them again"
        )
    raise FileNotFoundError(f"{directory}: no tables here: run `python -m analysis build` first")


def read_manifest(version: Path) -> dict:
    """The manifest of one version folder.

    Raises
    ------
    InconsistentStore
        If it is missing or unreadable.
    """
    try:
        manifest = json.loads((version / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != MANIFEST_FORMAT or not isinstance(manifest.get("files"), dict):
            raise ValueError(f"format {manifest.get('format')!r}")
    except (OSError, ValueError) as exc:
        raise InconsistentStore(f"{version}: no readable {MANIFEST} ({exc}): the folder is not one whole build; run the build again") from None
    return manifest


def read_verified(version: Path, manifest: dict, filename: str) -> bytes:
    """The bytes of one file of a version, checked against the manifest (size and SHA-256).

    Raises
    ------
    InconsistentStore
        If the file is missing, or is not the one this build wrote.
    """
    entry = _entry(version, manifest, filename)
    try:
        data = (version / filename).read_bytes()
    except OSError as exc:
        raise _unreadable(version, manifest, filename, exc) from None
    if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise _not_as_written(version, manifest, filename)
    return data


def verify(version: Path, manifest: dict, filename: str) -> None:
    """:func:`read_verified` without holding the file: its digest is computed as it is read."""
    entry = _entry(version, manifest, filename)
    try:
        digest = file_digest(version / filename)
    except OSError as exc:
        raise _unreadable(version, manifest, filename, exc) from None
    if list(digest) != [entry["bytes"], entry["sha256"]]:
        raise _not_as_written(version, manifest, filename)


def _entry(version: Path, manifest: dict, filename: str) -> dict:
    entry = manifest["files"].get(filename)
    if entry is None:
        raise InconsistentStore(f"{version}: {filename} is not in the manifest of build {manifest.get('build')}: run the build again")
    return entry


def _unreadable(version: Path, manifest: dict, filename: str, exc: OSError) -> InconsistentStore:
    return InconsistentStore(f"{version}: {filename} of build {manifest.get('build')} cannot be read ({exc.strerror or exc}): run the build again")


def _not_as_written(version: Path, manifest: dict, filename: str) -> InconsistentStore:
    return InconsistentStore(
        f"{version}: {filename} is not the file build {manifest.get('build')} wrote (its checksum differs from {MANIFEST}): "
        "the folder's files do not belong together; run the build again"
    )


# --- writing a new version --------------------------------------------------------------------


def new_version_id() -> str:
    now = dt.datetime.now(dt.timezone.utc)
    return f"{now:%Y%m%dT%H%M%S}.{now.microsecond:06d}Z-{os.getpid()}"


def clean_leftovers(out_dir: Path) -> list[str]:
    """Remove what killed builds left (``.versions/.tmp-*``, versions never made current, the
    ``.build-*`` folders of older versions of this code) and versions older than the one before
    ``current``. Call only while holding the lock. Returns the names removed."""
    removed = []
    for stale in out_dir.glob(_LEGACY_TMP + "*"):
        shutil.rmtree(stale, ignore_errors=True)
        removed.append(stale.name)
    versions = out_dir / VERSIONS
    if not versions.is_dir():
        return removed
    current = current_version(out_dir)
    keep = {current.name} if current is not None else set()
    if current is not None:
        previous = read_manifest_quietly(current).get("previous")
        if previous:
            keep.add(previous)
    for entry in versions.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def read_manifest_quietly(version: Path) -> dict:
    try:
        return read_manifest(version)
    except InconsistentStore:
        return {}


def file_digest(path: Path) -> tuple[int, str]:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return path.stat().st_size, h.hexdigest()


def _staged_files(staging: Path) -> list[str]:
    """Every file under ``staging``, by its path there (``figures/x.png``), sorted."""
    return sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file() and not p.is_symlink())


def publish(out_dir: Path, staging: Path, build_id: str, extra: dict, replace_folders: bool = False) -> bool:
    """Make the files written in ``staging`` the current build of ``out_dir``.

    Each file whose bytes equal the current version's is replaced by a hard link to it (so an
    unchanged table keeps its file and time), once that file is checked to hold still the bytes
    its manifest lists: one edited or damaged since is replaced, never linked on. If every file
    is unchanged and whole, nothing is published and ``staging`` is removed. Returns True if a
    new version was published. ``staging`` may hold folders (their files are listed by their path
    in it); ``replace_folders`` lets a real folder of ``out_dir`` in the way of a name of the new
    version (the flat ``reports/figures/`` before versions) be replaced by its link.
    """
    previous = current_version(out_dir)
    old = read_manifest_quietly(previous) if previous is not None else {}
    files = {}
    damaged = []  # the current version's files whose bytes are no longer those of its manifest
    for name in _staged_files(staging):
        f = staging / name
        size, sha = file_digest(f)
        files[name] = {"bytes": size, "sha256": sha}
        before = old.get("files", {}).get(name)
        if before == files[name]:
            try:  # a file edited in place (a CSV saved from Excel) is not linked into the new version
                linked = os.path.samefile(previous / name, f)  # (linked already, checked then: its bytes were just read)
                intact = linked or file_digest(previous / name) == (size, sha)
            except OSError:
                linked, intact = False, False
            if not intact:
                damaged.append(name)
                continue
            if linked:  # (rename() over a second name of the same file would leave both names)
                continue
            link = f.with_name(f.name + ".link")
            try:
                os.link(previous / name, link)
                os.replace(link, f)
            except OSError:  # another file system, or no hard links: keep the new copy
                link.unlink(missing_ok=True)
    if old and not damaged and set(files) == set(old.get("files", {})) and all(old["files"][k] == v for k, v in files.items()):
        shutil.rmtree(staging, ignore_errors=True)
        return False
    manifest = {"format": MANIFEST_FORMAT, "build": build_id, "previous": previous.name if previous is not None else None, **extra, "files": files}
    with open(staging / MANIFEST, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    _checkpoint("manifest")
    final = out_dir / VERSIONS / build_id
    os.rename(staging, final)
    _fsync_dir(final.parent)
    _checkpoint("renamed")
    _replace_symlink(out_dir / CURRENT, os.path.join(VERSIONS, build_id))
    _fsync_dir(out_dir)
    _checkpoint("switched")
    _link_names(out_dir, {name.split("/")[0] for name in files} | {MANIFEST}, replace_folders)
    _checkpoint("linked")
    return True


def _replace_symlink(path: Path, target: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _link_names(out_dir: Path, names: set[str], replace_folders: bool = False) -> None:
    """``<out>/<name>`` -> ``current/<name>`` for each file or folder of the current version;
    links to names the current version no longer has are removed. A regular file of the same name
    (the flat layout of older versions of this code) is replaced by its link, and so is a folder
    with ``replace_folders`` (moved aside into ``.versions/`` first, removed once linked)."""
    for name in names:
        link = out_dir / name
        target = os.path.join(CURRENT, name)
        if link.is_symlink() and os.readlink(link) == target:
            continue
        if link.is_dir() and not link.is_symlink():
            if not replace_folders:
                raise StoreError(f"{link}: a folder is in the way of the table file of that name; move it away and build again")
            aside = out_dir / VERSIONS / f".old-{name}-{os.getpid()}"
            os.rename(link, aside)
            _replace_symlink(link, target)
            shutil.rmtree(aside, ignore_errors=True)
            continue
        _replace_symlink(link, target)
    for link in out_dir.iterdir():
        if link.is_symlink() and link.name != CURRENT and link.name not in names and os.readlink(link).startswith(CURRENT + os.sep):
            link.unlink()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
