"""The data version: a stamp that changes whenever data that pages and metrics derive from change.

Database triggers on the tracked tables (:mod:`.triggers`) set a new random token in the same
transaction as the write, so every process sees the change at once and no code path (services,
imports, the admin, a shell) can forget it. Caches of derived data (:mod:`.cache`) and the public
page cache are keyed by the token.
"""
