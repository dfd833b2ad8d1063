"""Downloading source files safely: streamed to a temporary file beside the destination and
renamed only when complete, so that a failed download never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO

from klimatlaget import __version__

#: SMHI's national emissions database (Nationella emissionsdatabasen): the Excel export for
#: all counties (county=0) and all municipalities (municipality=0) of total greenhouse gases
#: (sub=GGT). This is the address public projects use, e.g. Klimatkollen's data pipeline
#: (PATH_SMHI in its emissions calculations); it is not documented by SMHI as a stable API.
SMHI_EMISSIONS_URL = (
    "https://nationellaemissionsdatabasen.smhi.se/api/getexcelfile/?county=0&municipality=0&sub=GGT"
)
DEFAULT_MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0
CHUNK_SIZE = 64 * 1024
USER_AGENT = f"klimatlaget/{__version__} (+https://github.com/klimatlaget)"

#: progress(bytes received so far, total bytes or None when the server does not say)
Progress = Callable[[int, int | None], None]

_EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


class DownloadError(Exception):
    """A download failed; the message says why in plain words, and names the address."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"Download of {url} failed: {reason}")


def download(
    url: str,
    dest: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    expect_excel: bool = True,
) -> Path:
    """Fetch ``url`` to ``dest`` (replacing it only on success) and return ``dest``.

    ``timeout`` applies to connecting and to each wait for data. With ``expect_excel`` the
    content must start like an .xlsx or .xls file: servers answer errors with web pages.
    """
    dest = Path(dest)
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError(url, "only http and https addresses can be downloaded.")
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed and removed below
        dir=dest.parent, prefix=f".{dest.name}.", suffix=".part", delete=False
    )
    try:
        with handle:
            _fetch(url, handle, max_bytes, timeout, progress)
        if expect_excel:
            _check_excel(url, Path(handle.name))
        os.replace(handle.name, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(handle.name).unlink()
        raise
    return dest


def _fetch(
    url: str, out: IO[bytes], max_bytes: int, timeout: float, progress: Progress | None
) -> None:
    # The scheme was checked in download(): only http and https reach here.
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            total = _content_length(response.headers.get("Content-Length"))
            if total is not None and total > max_bytes:
                raise DownloadError(url, f"the file ({_size(total)}) is over {_size(max_bytes)}.")
            received = _copy(url, response, out, max_bytes, total, progress)
    except urllib.error.HTTPError as error:
        raise DownloadError(url, f"the server answered {error.code} {error.reason}.") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise DownloadError(url, f"no answer within {timeout:g} seconds.") from error
        raise DownloadError(url, f"could not connect ({error.reason}).") from error
    except TimeoutError as error:
        raise DownloadError(url, f"no data for {timeout:g} seconds; gave up.") from error
    except http.client.IncompleteRead as error:
        raise DownloadError(url, "the connection closed before the file was complete.") from error
    except (http.client.HTTPException, OSError) as error:
        raise DownloadError(url, f"the transfer failed ({error}).") from error
    if total is not None and received < total:
        raise DownloadError(
            url, f"the connection closed after {received} of {total} bytes; the file is incomplete."
        )


def _copy(
    url: str,
    response: IO[bytes],
    out: IO[bytes],
    max_bytes: int,
    total: int | None,
    progress: Progress | None,
) -> int:
    received = 0
    while chunk := response.read(CHUNK_SIZE):
        received += len(chunk)
        if received > max_bytes:
            raise DownloadError(url, f"the file is larger than {_size(max_bytes)}.")
        out.write(chunk)
        if progress is not None:
            progress(received, total)
    out.flush()
    os.fsync(out.fileno())
    return received


def _check_excel(url: str, path: Path) -> None:
    with path.open("rb") as handle:
        start = handle.read(512)
    if start.startswith(_EXCEL_MAGIC):
        return
    looks = "a web page" if b"<" in start[:100] and b">" in start else "not an Excel file"
    raise DownloadError(url, f"the server sent {looks} instead of an Excel workbook.")


def _content_length(value: str | None) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    return int(value)


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size} bytes"
