"""The open data as a Frictionless data package: a CSV per table (written by the one table
writer), a ``datapackage.json`` that describes them (each table's schema, size and SHA-256) and
the whole as a zip file.

The package is built once per version of what it holds and kept in memory: the data version
(:mod:`klimatlaget.dataversion`) moves with emissions, population, organisations and targets,
but measures, investment plans and contracts are not tracked by it, so the version of the
package also counts and sums the versions of those rows (:func:`package_version`; a few
aggregate queries, cheap enough for every request).
"""

import datetime
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Count, Max, Model, Sum
from django.utils import translation

from klimatlaget.contracts.models import Contract, Section
from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.dataversion.version import current
from klimatlaget.exports.tabular import TableFormat, write_table
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.opendata.schema import TABLES
from klimatlaget.opendata.tables import BUILDERS

NAME = "klimatlaget"
DESCRIPTOR = "datapackage.json"
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCES = [
    {
        "title": "SMHI, Nationella emissionsdatabasen (territorial emissions, CC BY 4.0)",
        "path": "https://nationellaemissionsdatabasen.smhi.se/",
    },
    {
        "title": "SCB, Statistics Sweden: population and the municipality codes (CC BY 4.0)",
        "path": "https://www.scb.se/",
    },
    {
        "title": "The organisations' own documents: targets, plans, measures and contracts "
        "(each row names its source on the platform)",
    },
]
#: The rows whose changes the data version does not see; the package's version counts them.
UNTRACKED: tuple[type[Model], ...] = (
    ActionPlan,
    Measure,
    InvestmentPlan,
    InvestmentLine,
    Contract,
    Section,
)


@dataclass(frozen=True)
class Package:
    version: str
    descriptor: dict[str, Any]
    files: dict[str, bytes]  # by path: each table's CSV

    @property
    def descriptor_json(self) -> bytes:
        return (json.dumps(self.descriptor, ensure_ascii=False, indent=1) + "\n").encode()

    @cached_property
    def zip(self) -> bytes:
        """The descriptor and the CSVs in one zip file."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(DESCRIPTOR, self.descriptor_json)
            for path, content in self.files.items():
                archive.writestr(path, content)
        return buffer.getvalue()


_cache: DerivedCache[None, Package] = DerivedCache(size=1)


def package_version() -> str:
    """The data version, this year (the metrics' default current year) and a fingerprint of the
    untracked rows: a new row raises the count and the largest id, a deleted one lowers the
    count, a change through the services raises the sum of the rows' versions."""
    parts = [current().token, str(datetime.date.today().year)]
    for model in UNTRACKED:
        found = model._default_manager.aggregate(n=Count("pk"), top=Max("pk"), edits=Sum("version"))
        parts.append(f"{found['n']}.{found['top'] or 0}.{found['edits'] or 0}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def open_data_package() -> Package:
    """The package of the current data, built on the first request after a change."""
    version = package_version()
    return _cache.get(None, lambda: build_package(version), version=version)


def build_package(version: str) -> Package:
    """The package in English, whatever the language of the request that builds it."""
    with translation.override("en"):
        return _build(version)


def _build(version: str) -> Package:
    files: dict[str, bytes] = {}
    resources = []
    for table in TABLES:
        content = write_table(BUILDERS[table.name](), table.columns, TableFormat.CSV)
        files[table.path] = content
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "title": str(table.title),
                "description": str(table.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                "schema": table.schema(),
            }
        )
    stamp = current()
    created = stamp.changed_at or datetime.datetime.now(datetime.UTC)
    descriptor = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Klimatläget: emissions, targets, measures and plans of Sweden's municipalities",
        "description": (
            "The public tables of Klimatläget: organisations, SMHI's territorial emissions, the "
            "key figures, the climate targets with their Paris verdicts, the measures, the "
            "totals of the adopted climate investment plans and the index of the signed climate "
            "contracts. See the method on the site for how the figures are calculated."
        ),
        "version": f"1.0.0+{version}",
        "created": created.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "licenses": [LICENCE],
        "sources": SOURCES,
        "keywords": ["climate", "greenhouse gas emissions", "Sweden", "municipalities"],
        "resources": resources,
    }
    return Package(version, descriptor, files)
