"""Which database file to use: --db, else $ANNOTATOR_DB, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "ANNOTATOR_DB"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("news-annotator", appauthor=False)) / "annotations.db"


def resolve_db_path(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "sshfs", "afs", "9p", "ncpfs",
    "fuse.rclone", "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph", "lustre",
})


def filesystem_type(path: Path, mounts: str = "/proc/mounts") -> str | None:
    """The type of the file system that holds ``path`` (Linux: the longest mount point in /proc/mounts)."""
    try:
        with open(mounts, encoding="utf-8", errors="replace") as fh:
            table = [line.split() for line in fh]
    except OSError:
        return None  # not Linux, or /proc not mounted: nothing to tell
    target = os.path.realpath(path if path.exists() else path.parent)
    best, kind = "", None
    for fields in table:
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def refuse_network_filesystem(path: Path, mounts: str = "/proc/mounts") -> None:
    """Raise StoreError for a database on a network file system, where SQLite's locks cannot be trusted.

    SQLite's write-ahead log needs shared memory between the processes that use it, which a
    network share cannot give, and the file locks of NFS, SMB and sshfs are often broken: two
    people writing to one database there can corrupt it. Each annotator works in a database on
    their own disk and ``annotator merge`` brings the databases together.
    """
    from annotator.store.errors import StoreError

    kind = filesystem_type(path, mounts)
    if kind in NETWORK_FILESYSTEMS:
        raise StoreError(
            f"{path}: is on a network file system ({kind}), where SQLite databases get corrupted (its locks and"
            " shared memory do not work across machines). Nothing was opened. Copy the database to a local disk,"
            " let each annotator work in a database of their own, and bring them together with `annotator merge`."
        )
