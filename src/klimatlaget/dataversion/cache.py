"""An in-process cache of values derived from the data, keyed by the data version.

Each lookup reads the version from the database, so a write in any process is seen by every
other at once; entries of older versions are dropped as soon as a newer version is seen. When
several threads ask for the same missing value, one computes it and the others wait for it
instead of computing it too.
"""

import threading
from collections.abc import Callable, Hashable

from klimatlaget.dataversion.version import current


class DerivedCache[K: Hashable, V]:
    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._version = ""
        self._values: dict[K, V] = {}
        self._computing: dict[K, threading.Lock] = {}

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value for ``key`` at the current data version, computed on a miss."""
        version = current().token
        with self._lock:
            found = self._lookup(version, key)
            if found is not None:
                return found[0]
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                found = self._lookup(version, key)
            if found is not None:
                return found[0]
            try:
                value = compute()
                with self._lock:
                    self._store(version, key, value)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def _lookup(self, version: str, key: K) -> tuple[V] | None:
        if version != self._version or key not in self._values:
            return None
        return (self._values[key],)

    def _store(self, version: str, key: K, value: V) -> None:
        if version != self._version:
            self._version = version
            self._values.clear()
        elif len(self._values) >= self._size:
            self._values.pop(next(iter(self._values)))
        self._values[key] = value
