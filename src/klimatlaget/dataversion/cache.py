"""An in-process cache of values derived from the data, keyed by the data version.

Each lookup reads the version from the database, so a write in any process is seen by every
other at once; entries of older versions are dropped as soon as a newer version is seen. When
several threads ask for the same missing value, one computes it and the others wait for it
(:class:`SingleFlight`) instead of computing it too.
"""

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager

from klimatlaget.dataversion.version import current


class SingleFlight:
    """Per key, one thread at a time: the others wait, then find what the first one stored."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._turns: dict[Hashable, threading.Lock] = {}

    @contextmanager
    def turn(self, key: Hashable) -> Iterator[None]:
        with self._lock:
            turn = self._turns.setdefault(key, threading.Lock())
        with turn:
            try:
                yield
            finally:
                with self._lock:
                    if self._turns.get(key) is turn:
                        del self._turns[key]


class DerivedCache[K: Hashable, V]:
    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._version = ""
        self._values: dict[K, V] = {}
        self._computing = SingleFlight()

    def get(self, key: K, compute: Callable[[], V], version: str | None = None) -> V:
        """The value for ``key`` at the current data version, computed on a miss. A caller that
        looks up many keys at once may read the version once and pass it (``current().token``)."""
        version = current().token if version is None else version
        found = self._lookup(version, key)
        if found is not None:
            return found[0]
        with self._computing.turn(key):
            found = self._lookup(version, key)
            if found is not None:
                return found[0]
            value = compute()
            self._store(version, key, value)
            return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def _lookup(self, version: str, key: K) -> tuple[V] | None:
        with self._lock:
            if version != self._version or key not in self._values:
                return None
            return (self._values[key],)

    def _store(self, version: str, key: K, value: V) -> None:
        with self._lock:
            if version != self._version:
                self._version = version
                self._values.clear()
            elif len(self._values) >= self._size:
                self._values.pop(next(iter(self._values)))
            self._values[key] = value
