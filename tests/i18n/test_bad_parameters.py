"""A hand-edited address never shows Python's words: every page and API read of each kind,
given nonsense for the parameters pages read, answers with its own message (or ignores them),
never with an error page or an exception's text."""

import pytest

from access.matrix import concrete
from i18n.pages import page_kinds

#: Nonsense for every number, year, page and choice a page or API read takes from its address.
NONSENSE = (
    "year=abc&current_year=abc&page=x&from_year=x&rate=x&preset=nope&kind=x"
    "&member=x&status=x&association=&view=x&dialect=x&org=%20"
)
#: What Python's own messages say.
PYTHON = ("invalid literal", "could not convert", "Traceback", "ValueError", "NoneType", "Errno")

KINDS = page_kinds() + page_kinds(api=True)


@pytest.mark.parametrize(("url", "role"), KINDS, ids=[url for url, _ in KINDS])
def test_nonsense_parameters_get_a_clear_answer(world, db, client, url, role):
    users, ids = world
    if role:
        client.force_login(users[role])
    address = concrete(url, ids)
    address += ("&" if "?" in address else "?") + NONSENSE
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code < 500, address
    body = response.content.decode(errors="replace")
    assert not any(words in body for words in PYTHON), f"{address}: {body[:500]}"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("current_year=abc", "”abc” är inget årtal; standardvärdena visas."),
        ("preset=nope", "”nope” är inte en av minskningstakterna; standardvärdena visas."),
        ("current_year=3000", "Året 3000 ligger utanför de år som siffrorna gäller"),
    ],
)
def test_a_bad_parameter_is_named_in_swedish(world, db, client, query, message):
    page = client.get(f"/compare/?{query}", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert message in page
