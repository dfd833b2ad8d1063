"""The cache of derived data: keyed by the data version, one computation for many askers."""

import threading
import time

import pytest
from django.db import connection

from klimatlaget.dataversion.cache import DerivedCache
from klimatlaget.organisations.models import Organisation


def test_a_value_is_kept_until_the_data_version_changes(db):
    cache: DerivedCache[str, int] = DerivedCache()
    assert cache.get("k", lambda: 1) == 1
    assert cache.get("k", lambda: 2) == 1
    Organisation.objects.create(code="9101", name="Ekby", kind="municipality")
    assert cache.get("k", lambda: 3) == 3


def test_a_failed_computation_keeps_nothing(db):
    cache: DerivedCache[str, int] = DerivedCache()
    with pytest.raises(ZeroDivisionError):
        cache.get("k", lambda: 1 // 0)
    assert cache.get("k", lambda: 4) == 4


def test_many_threads_asking_for_a_missing_value_compute_it_once(transactional_db):
    cache: DerivedCache[str, str] = DerivedCache()
    computed: list[int] = []
    release = threading.Event()
    results: list[str] = []

    def compute() -> str:
        computed.append(1)
        release.wait(10)
        return "value"

    def ask() -> None:
        try:
            results.append(cache.get("k", compute))
        finally:
            connection.close()

    askers = [threading.Thread(target=ask) for _ in range(8)]
    for asker in askers:
        asker.start()
    time.sleep(0.3)  # let them all ask while the first computes
    release.set()
    for asker in askers:
        asker.join(10)
    assert results == ["value"] * 8 and computed == [1]
