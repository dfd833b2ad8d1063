import pytest

from demo.contract import CONTRACT_FILE
from klimatlaget.accounts.actors import command_line


@pytest.fixture(scope="module")
def contract() -> str:
    if not CONTRACT_FILE.exists():
        pytest.skip(f"the seed documents are absent ({CONTRACT_FILE})")
    return CONTRACT_FILE.read_text(encoding="utf-8")


@pytest.fixture
def kalmar(db, shared_data):
    """The real organisations (Kalmar among them), without emissions."""
    from klimatlaget.imports.services import import_scb_codes

    import_scb_codes(shared_data / "scb" / "kommunlankod_2023.xls", actor=command_line())
