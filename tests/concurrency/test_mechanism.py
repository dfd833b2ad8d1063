"""The shared mechanism: which versions pass, which are refused and what a refusal carries."""

import pytest
from django.test import RequestFactory

from klimatlaget.concurrency import (
    StaleVersion,
    check_version,
    conflict_status,
    expected_version,
    if_match,
    posted_version,
)
from klimatlaget.organisations.models import Organisation


def _organisation():
    """Changed twice: the description in version 1, the website in version 2."""
    organisation = Organisation(code="x", name="X", website="https://x.example")
    organisation.bump(["description"])
    organisation.description = "Newer"
    organisation.bump(["website"])
    return organisation


@pytest.mark.parametrize("expected", [None, 2])
def test_no_version_or_the_current_one_passes(expected):
    check_version(_organisation(), expected)


def test_a_stale_version_names_the_fields_changed_since_with_their_values():
    with pytest.raises(StaleVersion) as refused:
        check_version(_organisation(), 1)
    assert (refused.value.current, refused.value.changed) == (2, {"website": "https://x.example"})
    with pytest.raises(StaleVersion) as refused:
        check_version(_organisation(), 0)
    assert set(refused.value.changed) == {"description", "website"}
    assert not refused.value.invalid


@pytest.mark.parametrize("expected", [-1, 3, "2", 2.0, True])
def test_what_is_no_version_of_the_object_is_refused(expected):
    with pytest.raises(StaleVersion) as refused:
        check_version(_organisation(), expected)
    assert refused.value.invalid and refused.value.changed == {}


def test_with_fields_only_a_change_of_those_is_a_conflict():
    check_version(_organisation(), 1, ["description"])
    with pytest.raises(StaleVersion):
        check_version(_organisation(), 0, ["description"])
    with pytest.raises(StaleVersion):
        check_version(_organisation(), -1, ["description"])


@pytest.mark.parametrize(
    ("header", "version"),
    [("", None), ("*", None), ('"v3"', 3), ('W/"v3"', 3), ('"3"', '"3"'), ('"v-1"', '"v-1"')],
)
def test_if_match_names_a_version_or_is_kept_to_be_refused(header, version):
    request = RequestFactory().patch("/", headers={"if-match": header} if header else {})
    assert if_match(request) == version
    assert expected_version(request, 7) == (7 if version is None else version)
    assert conflict_status(request) == (409 if version is None else 412)


@pytest.mark.parametrize(
    ("text", "version"), [(None, None), ("", None), (" 4 ", 4), ("-1", -1), ("v4", "v4")]
)
def test_a_posted_version_is_a_number_or_kept_to_be_refused(text, version):
    assert posted_version(text) == version
