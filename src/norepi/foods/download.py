"""Fetch the official USDA SR28 ASCII release, check it, and unpack it for import."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx

from norepi.errors import ImportFormatError, NorepiError
from norepi.foods.releases import FDC_DATASETS, SR28_SHA256, SR28_URL
from norepi.foods.sr_ascii import REQUIRED_FILES, content_sha256, locate

ByteProgress = Callable[[int, int | None], None]
"""progress(bytes_done, bytes_total or None)."""


class DownloadError(NorepiError):
    """The release could not be fetched or did not match its checksums."""


def download(url: str, dest: Path, progress: ByteProgress | None = None, timeout_s: float = 60.0) -> Path:
    """Stream ``url`` to ``dest`` (written to a .part file first); returns ``dest``."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_suffix(dest.suffix + ".part")
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=timeout_s) as response:
            if response.status_code != 200:
                raise DownloadError(f"{url}: HTTP {response.status_code}")
            total = int(response.headers["content-length"]) if "content-length" in response.headers else None
            done = 0
            with open(part, "wb") as handle:
                for chunk in response.iter_bytes(1 << 16):
                    handle.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
    except httpx.HTTPError as exc:
        part.unlink(missing_ok=True)
        raise DownloadError(f"{url}: {exc}") from exc
    part.replace(dest)
    return dest


def unpack(archive: Path, folder: Path) -> Path:
    """Extract the SR text files of ``archive`` into ``folder`` (names upper-cased as in SR)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            folder.mkdir(parents=True, exist_ok=True)
            for info in zf.infolist():
                name = Path(info.filename).name
                if info.is_dir() or not name.lower().endswith(".txt"):
                    continue
                target = folder / (Path(name).stem.upper() + ".txt")
                with zf.open(info) as src, open(target, "wb") as out:
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
    except zipfile.BadZipFile as exc:
        raise ImportFormatError(f"not a zip archive ({exc})", path=archive) from exc
    return folder


def verify(folder: Path, expected: dict[str, str] = SR28_SHA256) -> None:
    """Check every required file's content SHA-256; DownloadError names the first that differs."""
    for name in REQUIRED_FILES:
        actual = content_sha256(locate(folder, name))
        if actual != expected[name]:
            raise DownloadError(
                f"{name}.txt checksum {actual[:12]}... does not match the release "
                f"({expected[name][:12]}...); the download is corrupt or not SR28"
            )


def fetch_sr28(
    folder: Path,
    url: str = SR28_URL,
    progress: ByteProgress | None = None,
    expected: dict[str, str] | None = SR28_SHA256,
) -> Path:
    """Download, unpack and checksum SR28 into ``folder``; returns the folder to import."""
    archive = download(url, folder / "sr28asc.zip", progress)
    unpack(archive, folder)
    if expected is not None:
        verify(folder, expected)
    return folder


def fetch_fdc(dataset: str, folder: Path, url: str | None = None, progress: ByteProgress | None = None) -> Path:
    """Download a FoodData Central CSV release (``dataset``: one of ``FDC_DATASETS``) into ``folder``; every member
    of the zip is checked against its CRC-32 (FDC publishes no checksum files; the SHA-256 of the archive is kept
    as the release's identity when it is imported). Returns the zip."""
    if dataset not in FDC_DATASETS:
        raise DownloadError(f"{dataset!r} is not one of {', '.join(FDC_DATASETS)}")
    url = url or FDC_DATASETS[dataset]
    archive = download(url, folder / Path(url).name, progress)
    try:
        with zipfile.ZipFile(archive) as zf:
            bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        archive.unlink(missing_ok=True)
        raise DownloadError(f"{url}: not a zip archive ({exc})") from exc
    if bad is not None:
        archive.unlink(missing_ok=True)
        raise DownloadError(f"{url}: {bad} in the archive is damaged (CRC mismatch); try again")
    return archive
