import pytest

from access.world import built_once


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The permission matrix's data (users by name, ids), built once for the test module."""
    with built_once(django_db_blocker, tmp_path_factory.mktemp("example")) as built:
        yield built
