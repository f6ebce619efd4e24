"""`foods download` against a real HTTP server on loopback serving a zip of the real SR28 files."""

import gzip
import http.server
import threading
import zipfile
from pathlib import Path

import pytest

from norepi.foods.download import DownloadError, fetch_sr28

FILES = ("FOOD_DES", "NUTR_DEF", "FD_GROUP", "WEIGHT")


@pytest.fixture(scope="module")
def release_zip(sr28_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("www")
    archive = folder / "sr28asc.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name in FILES:
            zf.write(sr28_dir / f"{name}.txt", f"{name}.txt")
        zf.writestr("NUT_DATA.txt", gzip.decompress((sr28_dir / "NUT_DATA.txt.gz").read_bytes()))
    broken = folder / "broken.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        for name in FILES:
            data = (sr28_dir / f"{name}.txt").read_bytes()
            zf.writestr(f"{name}.txt", data.replace(b"Butter", b"Buttex") if name == "FOOD_DES" else data)
        zf.writestr("NUT_DATA.txt", gzip.decompress((sr28_dir / "NUT_DATA.txt.gz").read_bytes()))
    (folder / "not-a-zip.zip").write_text("<html>moved</html>")
    return archive


@pytest.fixture(scope="module")
def server(release_zip: Path):  # type: ignore[no-untyped-def]
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):  # type: ignore[no-untyped-def]
            super().__init__(*a, directory=str(release_zip.parent), **kw)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_download_unpacks_and_verifies_checksums(server: str, tmp_path: Path) -> None:
    seen: list[int] = []
    folder = fetch_sr28(tmp_path / "sr28", f"{server}/sr28asc.zip", lambda done, total: seen.append(done))
    assert (folder / "NUT_DATA.txt").stat().st_size == 40403659
    assert seen and seen == sorted(seen)


def test_tampered_release_fails_its_checksum(server: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="FOOD_DES.txt checksum .* does not match"):
        fetch_sr28(tmp_path / "x", f"{server}/broken.zip")


def test_http_error_and_non_zip_are_reported(server: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="HTTP 404"):
        fetch_sr28(tmp_path / "y", f"{server}/missing.zip")
    with pytest.raises(Exception, match="not a zip archive"):
        fetch_sr28(tmp_path / "z", f"{server}/not-a-zip.zip")
