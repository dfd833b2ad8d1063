"""Swedish means Swedish: one page of each kind, read in Swedish by a role that may see it,
shows no common English word outside what users wrote (names, survey texts, targets) and code."""

import re
from html.parser import HTMLParser

import pytest

from access.matrix import concrete
from i18n.pages import page_kinds

#: Words of English user interfaces that are no Swedish words.
ENGLISH = (
    "the", "and", "of", "with", "not", "from", "your", "you", "this", "that", "which", "are",
    "has", "have", "been", "will", "Save", "Edit", "Delete", "Cancel", "Target", "Targets",
    "Emissions", "Survey", "Surveys", "Members", "Change", "Changes", "Show", "Download",
    "Submit", "Send", "Search", "Yes", "page", "years", "added", "changed", "removed",
    "new", "values", "became", "editor", "viewer",
)  # fmt: skip
#: A word on its own: not part of a file name, address or key ("emissions.csv", "has_target").
WORDS = re.compile(r"(?<![\w./@_-])(" + "|".join(ENGLISH) + r")(?![\w./@_-])", re.IGNORECASE)
#: Elements whose text is code or an example, not the interface's words.
CODE = {"script", "style", "code", "pre", "kbd", "samp", "template"}
#: Attributes people read (or hear).
READ = {"title", "aria-label", "placeholder", "alt"}


class VisibleText(HTMLParser):
    """The text a reader sees or hears, without code and without parts marked English."""

    def __init__(self) -> None:
        super().__init__()
        self.skipping: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.skipping or tag in CODE or (values.get("lang") or "").startswith("en"):
            if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
                self.skipping.append(tag)
            return
        self.texts += [value for name, value in attrs if name in READ and value]

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.texts.append(data)


def user_data() -> list[str]:
    """What people wrote, which stays in their language: longest first, to cut it out whole."""
    from klimatlaget.associations.models import BoardMember, Contact
    from klimatlaget.fees.models import FeeOverride
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys.models import Answer, Question, Section, Survey
    from klimatlaget.targets.models import Target

    texts: set[str] = set()
    for model, fields in (
        (Organisation, ("name", "description", "website")),
        (Target, ("title", "district", "source", "quote", "notes")),
        (Contact, ("name", "role", "email", "party")),
        (BoardMember, ("name",)),
        (FeeOverride, ("reason",)),
        (Survey, ("title", "introduction")),
        (Section, ("title", "description", "key")),
        (Question, ("text", "help_text", "unit", "key")),
    ):
        for row in model.objects.values_list(*fields):
            texts.update(str(value) for value in row if value)
    for choices, columns in Question.objects.values_list("choices", "columns"):
        texts.update(item["label"] for item in [*choices, *columns])
        texts.update(c["label"] for column in columns for c in column.get("choices", []))
    for (value,) in Answer.objects.values_list("value"):
        texts.update(_strings(value))
    return sorted(texts, key=len, reverse=True)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def english_words(html: str, written: list[str]) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(parser.texts).split())
    for piece in written:
        text = text.replace(" ".join(piece.split()), " ")
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in WORDS.finditer(text)]


@pytest.mark.parametrize(("url", "role"), page_kinds(), ids=[url for url, _ in page_kinds()])
def test_swedish_pages_show_no_english(world, db, client, url, role):
    users, ids = world
    if role:
        client.force_login(users[role])
    response = client.get(concrete(url, ids), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert response["Content-Language"] == "sv"
    found = english_words(response.content.decode(), user_data())
    assert not found, f"English on the Swedish page {url}: {found}"
