"""Preparing a demo database: data from the best available source, and three demo users.

Order of preference: the official files in a local folder (``../shared/data`` beside a checkout);
otherwise, when online, the same files downloaded from SMHI and SCB; otherwise the fictional
example dataset, clearly labelled as such.
"""

import os
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from django.db.models import Case, When

from klimatlaget.accounts.actors import command_line
from klimatlaget.accounts.services import grant_role
from klimatlaget.contracts.models import Contract
from klimatlaget.demo.association import ASSOCIATION_CODE, load_demo_association_and_targets
from klimatlaget.demo.contracts import KALMAR_CODE, KALMAR_YEAR, load_demo_contracts, viable_cities
from klimatlaget.demo.energy import load_example_energy
from klimatlaget.demo.example import write_example_files
from klimatlaget.demo.followup import load_example_follow_up
from klimatlaget.demo.surveys import load_demo_surveys
from klimatlaget.imports import services as imports
from klimatlaget.organisations.models import Organisation, OrganisationKind

Say = Callable[[str], None]
ProgressFactory = Callable[[str], AbstractContextManager[Callable[[int, int], None]]]

DEMO_PASSWORD = "klimat-demo-2026"  # noqa: S105 - a local demo, printed on screen
DEFAULT_DATA_DIR = Path("..") / "shared" / "data"
EDITOR_ORGANISATIONS = ("0180", "9102")  # Stockholm in the real data, Strandhamn in the example
#: The agency whose editor the demo's myndighet is, when it is a party of a contract.
DEMO_AGENCY = "energimyndigheten"


class DemoSetupError(Exception):
    pass


def set_up_demo(
    *,
    data_dir: Path | None,
    example: bool,
    offline: bool,
    say: Say,
    progress: ProgressFactory,
) -> None:
    folder = data_dir or DEFAULT_DATA_DIR
    if example:
        _load_example(say, progress)
    elif _has_official_files(folder):
        _load_official(folder, say, progress)
    elif not offline and _load_downloaded(say, progress):
        pass
    else:
        say(f"No official files in {folder} and no download: loading the fictional example data.")
        _load_example(say, progress)
    create_demo_users(say)


def _has_official_files(folder: Path) -> bool:
    names = _official_names()
    return all((folder / name).exists() for name in names.values()) and bool(
        population_files(folder)
    )


def _official_names() -> dict[str, str]:
    return {
        "codes": "scb/kommunlankod_2023.xls",
        "emissions": "emissions/municipality_emissions_by_sector.csv",
    }


def population_files(folder: Path) -> list[Path]:
    """SCB's population tables in ``folder``/scb ('be0101_tabhelYYYY.xlsx'), oldest first, so
    that the newest one the demo has is imported (and the fee list counts it) whatever its year."""
    return sorted((folder / "scb").glob("be0101_tabhel[0-9][0-9][0-9][0-9].xlsx"))


def _load_official(folder: Path, say: Say, progress: ProgressFactory) -> None:
    names = _official_names()
    say(f"Loading the official files from {folder}")
    imports.import_scb_codes(folder / names["codes"], actor=command_line())
    for path in population_files(folder):
        imports.import_population(path, actor=command_line())
    with progress("Importing emissions") as update:
        imports.import_emissions(folder / names["emissions"], progress=update, actor=command_line())
    load_demo_association_and_targets(example=False, say=say)
    load_demo_contracts(example=False, seeds=seeds_folder(folder), say=say)
    load_demo_surveys(example=False, say=say)


def seeds_folder(data: Path) -> Path:
    """The seed documents beside the data folder (``../shared/seeds`` for ``../shared/data``)."""
    return data.parent / "seeds"


def _load_downloaded(say: Say, progress: ProgressFactory) -> bool:
    from klimatlaget.sources import SMHI_EMISSIONS_URL, DownloadError, download

    # SCB publishes its code list and population table under addresses that change every year;
    # give them with KLIMATLAGET_SCB_CODES_URL and KLIMATLAGET_SCB_POPULATION_URL.
    scb_codes_url = os.environ.get("KLIMATLAGET_SCB_CODES_URL")
    scb_population_url = os.environ.get("KLIMATLAGET_SCB_POPULATION_URL")
    if not (scb_codes_url and scb_population_url):
        say("No SCB download addresses configured (KLIMATLAGET_SCB_CODES_URL, ..._POPULATION_URL).")
        return False
    folder = Path(tempfile.mkdtemp(prefix="klimatlaget-"))
    files = {
        "codes": (scb_codes_url, folder / "kommunlankod.xls"),
        "population": (scb_population_url, folder / "be0101_tabhel.xlsx"),
        "emissions": (SMHI_EMISSIONS_URL, folder / "smhi-emissions.xlsx"),
    }
    try:
        for url, path in files.values():
            say(f"Downloading {url}")
            download(url, path, timeout=20, expect_excel=True)
    except DownloadError as error:
        say(f"Download failed ({error}).")
        return False
    imports.import_scb_codes(files["codes"][1], actor=command_line())
    imports.import_population(files["population"][1], actor=command_line())
    with progress("Importing emissions") as update:
        imports.import_emissions(files["emissions"][1], progress=update, actor=command_line())
    load_demo_association_and_targets(example=False, say=say)
    load_demo_contracts(example=False, seeds=seeds_folder(DEFAULT_DATA_DIR), say=say)
    load_demo_surveys(example=False, say=say)
    return True


def _load_example(say: Say, progress: ProgressFactory) -> None:
    paths = write_example_files(Path(tempfile.mkdtemp(prefix="klimatlaget-example-")))
    say("Loading the fictional example dataset (marked as example data on every page).")
    imports.import_scb_codes(paths["codes"], actor=command_line())
    imports.import_population(paths["population"], actor=command_line())
    with progress("Importing example emissions") as update:
        imports.import_emissions(
            paths["emissions"], progress=update, is_example=True, actor=command_line()
        )
    load_demo_association_and_targets(example=True, say=say)
    load_example_follow_up(say)  # after the measures, before the surveys pre-filled from it
    load_demo_contracts(example=True, seeds=None, say=say)
    load_example_energy(say)
    load_demo_surveys(example=True, say=say)


def create_demo_users(say: Say) -> None:
    """kansli, redaktor (of one municipality, and of Kalmar when its contract is loaded),
    lasare, programkontor (the contracts' programme office) and, when a contract has an agency
    among its parties, myndighet (an editor of that agency)."""
    editor_org = next(
        (code for code in EDITOR_ORGANISATIONS if Organisation.objects.filter(code=code).exists()),
        None,
    )
    if editor_org is None:
        raise DemoSetupError("No organisation to make the demo editor responsible for.")
    edited = [editor_org]
    if Contract.objects.filter(organisation__code=KALMAR_CODE, year=KALMAR_YEAR).exists():
        edited.append(KALMAR_CODE)
    operator = command_line()
    grant_role(operator, "kansli", DEMO_PASSWORD, "secretariat_admin", [ASSOCIATION_CODE])
    grant_role(operator, "redaktor", DEMO_PASSWORD, "editor", edited)
    grant_role(operator, "lasare", DEMO_PASSWORD, "viewer", [])
    office = viable_cities()
    grant_role(operator, "programkontor", DEMO_PASSWORD, "secretariat_admin", [office.code])
    names = " and ".join(Organisation.objects.get(code=code).name for code in edited)
    users = (
        f"kansli (secretariat of Klimatkommunerna), redaktor (editor of {names}), "
        f"lasare (viewer), programkontor (the climate contracts' programme office, {office.name})"
    )
    agency = (
        Organisation.objects.filter(kind=OrganisationKind.AGENCY, contract_parties__isnull=False)
        .order_by(Case(When(code=DEMO_AGENCY, then=0), default=1), "name")
        .first()
    )
    if agency is not None:
        grant_role(operator, "myndighet", DEMO_PASSWORD, "editor", [agency.code])
        users += f", myndighet (editor of {agency.name}, a party of its climate contracts)"
    say(f"Demo users (password {DEMO_PASSWORD}): {users}.")
