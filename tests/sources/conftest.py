"""Fixtures for the source readers: the real published files and small hand-made ones.

Nothing here needs Django: ``pytest tests/sources -p no:django`` runs these tests alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

#: The folder of real SCB and SMHI files beside the checkout (../shared/data), or
#: $KLIMATLAGET_SHARED_DATA; the same convention as the Django tests.
SHARED_DATA = Path(
    os.environ.get(
        "KLIMATLAGET_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"
    )
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real files; tests using them skip only when the folder is absent (a bare clone)."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the shared data folder at {SHARED_DATA}")
        pytest.skip(f"the real data folder {SHARED_DATA} is absent (a bare clone)")
    return SHARED_DATA


@pytest.fixture
def write_text(tmp_path: Path) -> Callable[..., Path]:
    """write_text(content, name='data.csv', encoding='utf-8') -> path of the new file."""

    def write(content: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode(encoding))
        return path

    return write
