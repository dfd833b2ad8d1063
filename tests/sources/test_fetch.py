"""download() against a local HTTP server on 127.0.0.1; nothing here leaves the machine."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from klimatlaget.sources import (
    SMHI_EMISSIONS_URL,
    DownloadError,
    EmissionRow,
    download,
    read_smhi_workbook,
    write_smhi_workbook,
)

PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
)


class Handler(BaseHTTPRequestHandler):
    workbook = b""

    def do_GET(self) -> None:
        routes = {
            "/smhi.xlsx": self.full,
            "/no-length.xlsx": self.no_length,
            "/truncated.xlsx": self.truncated,
            "/page.html": self.html,
            "/slow.xlsx": self.slow,
        }
        route = routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
        else:
            route()

    def full(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.ms-excel")
        self.send_header("Content-Length", str(len(self.workbook)))
        self.end_headers()
        self.wfile.write(self.workbook)

    def no_length(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(self.workbook)

    def truncated(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.workbook)))
        self.end_headers()
        self.wfile.write(self.workbook[: len(self.workbook) // 2])
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)

    def html(self) -> None:
        body = b"<!DOCTYPE html><html><body>Serverfel</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def slow(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.workbook)))
        self.end_headers()
        self.wfile.flush()
        time.sleep(1.5)

    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hanging up on purpose is not an error here


@pytest.fixture(scope="module")
def workbook_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("served") / "smhi.xlsx"
    rows = [EmissionRow("Ale", "Västra Götalands län", year, "El", 1.0) for year in (2015, 2016)]
    write_smhi_workbook(rows, path)
    return path.read_bytes()


@pytest.fixture
def server(workbook_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for variable in PROXY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    Handler.workbook = workbook_bytes
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_download_success_with_progress(server: str, tmp_path: Path, workbook_bytes: bytes) -> None:
    calls: list[tuple[int, int | None]] = []
    dest = tmp_path / "smhi.xlsx"
    assert download(f"{server}/smhi.xlsx", dest, progress=lambda n, t: calls.append((n, t))) == dest
    assert dest.read_bytes() == workbook_bytes
    assert calls[-1] == (len(workbook_bytes), len(workbook_bytes))
    assert leftovers(tmp_path) == ["smhi.xlsx"]
    assert len(read_smhi_workbook(dest).rows) == 2


def test_download_without_content_length(
    server: str, tmp_path: Path, workbook_bytes: bytes
) -> None:
    calls: list[tuple[int, int | None]] = []
    dest = download(
        f"{server}/no-length.xlsx", tmp_path / "x.xlsx", progress=lambda n, t: calls.append((n, t))
    )
    assert dest.read_bytes() == workbook_bytes
    assert calls[-1] == (len(workbook_bytes), None)


def expect_failure(url: str, dest: Path, match: str, **options: object) -> None:
    dest.write_bytes(b"the previous file")
    with pytest.raises(DownloadError, match=match) as error:
        download(url, dest, **options)  # type: ignore[arg-type]
    assert error.value.url == url
    assert dest.read_bytes() == b"the previous file", "a failed download must not touch dest"
    assert leftovers(dest.parent) == [dest.name], "no half-written file may remain"


def test_http_error(server: str, tmp_path: Path) -> None:
    expect_failure(f"{server}/missing.xlsx", tmp_path / "x.xlsx", "answered 404 Not Found")


def test_too_large_by_content_length(server: str, tmp_path: Path) -> None:
    expect_failure(f"{server}/smhi.xlsx", tmp_path / "x.xlsx", "is over 100 bytes", max_bytes=100)


def test_too_large_while_streaming(server: str, tmp_path: Path) -> None:
    expect_failure(
        f"{server}/no-length.xlsx", tmp_path / "x.xlsx", "larger than 100 bytes", max_bytes=100
    )


def test_truncated_transfer(server: str, tmp_path: Path) -> None:
    expect_failure(f"{server}/truncated.xlsx", tmp_path / "x.xlsx", "incomplete|closed before")


def test_web_page_instead_of_excel(server: str, tmp_path: Path) -> None:
    expect_failure(f"{server}/page.html", tmp_path / "x.xlsx", "sent a web page")


def test_timeout(server: str, tmp_path: Path) -> None:
    expect_failure(f"{server}/slow.xlsx", tmp_path / "x.xlsx", "seconds", timeout=0.3)


def test_connection_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in PROXY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    with socket.socket() as probe:  # a loopback port that nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    expect_failure(f"http://127.0.0.1:{port}/x.xlsx", tmp_path / "x.xlsx", "could not connect")


def test_only_http_and_https(tmp_path: Path) -> None:
    expect_failure(f"file://{tmp_path}/secret", tmp_path / "x.xlsx", "only http and https")


def test_smhi_url_is_the_ggt_export_for_all_counties_and_municipalities() -> None:
    assert SMHI_EMISSIONS_URL.startswith("https://nationellaemissionsdatabasen.smhi.se/api/")
    assert "county=0" in SMHI_EMISSIONS_URL
    assert "municipality=0" in SMHI_EMISSIONS_URL
    assert SMHI_EMISSIONS_URL.endswith("sub=GGT")
