"""The parse cache: each report file's rows, as typed columns in JSON, so a file whose bytes,
name and parser are unchanged since the last build is not parsed again.

An entry is ``<dir>/<key>.json`` where the key is the SHA-256 of the parser's fingerprint (every
.py and .toml of the package), the file's SHA-256 and its name. The entry also records the file
name it was parsed under, checked on a hit, so ``reports.source_file`` and every message naming
the file always come from the file being built (the same bytes under a new name are parsed
again, into an entry of their own). Entries are data (JSON), never code, each with the SHA-256
of its rows: a damaged entry (one changed figure too) is parsed again with a warning. One cache serves one output folder (see
:func:`analysis.config.parse_cache_dir`); after a build, entries that build did not use are
removed (:meth:`ParseCache.prune`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

from analysis.store.contract import SCHEMA

FORMAT = 2  # 2: each entry carries the SHA-256 of its rows
SERVES = ".serves"  # in a cache folder: the output folder it serves


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 over the package's code and layout data: a changed parser invalidates the cache."""
    package = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for f in sorted(package.rglob("*.py")) + sorted(package.rglob("*.toml")):
        digest.update(str(f.relative_to(package)).encode() + f.read_bytes())
    return digest.hexdigest()


class DamagedEntry(ValueError):
    """A cache entry that is not what this version of the cache writes."""


class ParseCache:
    """Typed columns of parsed reports, one JSON entry per file content.

    Parameters
    ----------
    directory : path
        The cache folder (created on the first write).
    fingerprint : str, optional
        The parser's version; default :func:`code_fingerprint`.
    """

    def __init__(self, directory: Path | str, fingerprint: str | None = None):
        self.directory = Path(directory)
        self.fingerprint = fingerprint if fingerprint is not None else code_fingerprint()

    def key(self, content_sha256: str, name: str) -> str:
        """The entry of a file's bytes under its name, parsed by this code (two files of the same
        bytes have an entry each: with one, the file that wrote it last decided which of them
        the next build found there)."""
        return hashlib.sha256(f"{self.fingerprint}:{content_sha256}:{name}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str, name: str) -> list[dict[str, dict[str, list]]] | None:
        """The reports' columns stored for this key and file name, or None (not there, or
        parsed under another name).

        Raises
        ------
        DamagedEntry
            If the entry exists but cannot be read as one (the caller parses again and warns).
        """
        try:
            text = self.path(key).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DamagedEntry(f"cannot be read ({exc.strerror or exc})") from None
        try:
            head, body = _split_entry(text)
            entry = json.loads(head)
            if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
                raise DamagedEntry("not an entry of this cache")
            if entry.get("file") != name:
                return None
            if entry.get("sha256") != hashlib.sha256(body).hexdigest():  # a figure changed inside the entry: never served
                raise DamagedEntry("its rows are not those it was written with (checksum)")
            reports = json.loads(body)
            if not isinstance(reports, list):
                raise TypeError("its rows are not a list of reports")
            for report in reports:
                _check_columns(report)
        except (ValueError, KeyError, TypeError) as exc:
            raise DamagedEntry(str(exc) or type(exc).__name__) from None
        return reports

    def put(self, key: str, name: str, reports: list[dict[str, dict[str, list]]]) -> None:
        """Store the reports' columns (written to a temporary file and renamed: a reader sees the
        whole entry or none). A cache that cannot be written is skipped silently: it only saves time."""
        body = _json(reports).encode("utf-8")  # the rows serialised once: for the checksum and the file
        head = _json({"format": FORMAT, "key": key, "file": name, "sha256": hashlib.sha256(body).hexdigest()}).encode("utf-8")
        tmp = self.directory / f".{key}.{os.getpid()}.tmp"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(head[:-1] + _ROWS + body + b"}")
            os.replace(tmp, self.path(key))
        except OSError:
            tmp.unlink(missing_ok=True)

    def serve(self, out_dir: Path) -> None:
        """Record the output folder this cache serves, and remove the sibling caches whose
        output folder is gone (temporary builds, such as the notebooks' bundled one)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            (self.directory / SERVES).write_text(str(Path(out_dir).resolve()), encoding="utf-8")
        except OSError:
            return
        for sibling in self.directory.parent.iterdir():
            try:
                served = Path((sibling / SERVES).read_text(encoding="utf-8"))
            except OSError:
                continue
            if sibling != self.directory and not served.exists():
                shutil.rmtree(sibling, ignore_errors=True)

    def prune(self, keep: set[str]) -> int:
        """Remove every entry whose key is not in ``keep`` (and temporary files of killed
        writers). Returns how many files were removed."""
        removed = 0
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return 0
        for e in entries:
            if e.name == SERVES:
                continue
            stem = e.name[:-5] if e.name.endswith(".json") else None
            if stem is None or stem not in keep:
                try:
                    os.unlink(e.path)
                    removed += 1
                except OSError:
                    pass
        return removed


_ROWS = b',"reports":'  # an entry is one JSON object whose last member is its rows


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _split_entry(data: bytes) -> tuple[bytes, bytes]:
    """An entry's bytes as the JSON object of its other members and the bytes of its rows (the
    last member, as written: their checksum is taken over these bytes, never over the rows
    serialised again). Outside a JSON string ``,"reports":`` can only be the member itself (a
    quote inside a string is escaped), so the first one is it."""
    i = data.find(_ROWS)
    if i < 0 or not data.endswith(b"}"):
        raise DamagedEntry("not an entry of this cache (no rows member at its end)")
    return data[:i] + b"}", data[i + len(_ROWS):-1]


def _check_columns(report: dict) -> None:
    """Every table of the contract with every column, all columns of a table the same length."""
    for name, cols in SCHEMA.items():
        table = report.get(name)
        if name == "program_lineage" and table is None:
            continue
        if not isinstance(table, dict) or set(table) != set(cols):
            raise ValueError(f"table {name} missing or with other columns")
        lengths = {len(v) if isinstance(v, list) else -1 for v in table.values()}
        if len(lengths) > 1 or -1 in lengths:
            raise ValueError(f"table {name}: columns of different lengths")
