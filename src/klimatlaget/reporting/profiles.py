"""The reporting profiles: what each platform asks, as data in ``profiles/<key>.json``.

A profile names the platform, its address, how often it asks, its yearly deadlines and its
items. Each item says what kind of answer it wants and where the answer comes from: ``fact``, a
key of :mod:`klimatlaget.reporting.facts`, or ``question``, a shared question key answered once
by people on the readiness page. ``max_age_years`` (null: never old) makes an older answer
stale. docs/REPORTING.md describes the profiles and their sources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

PROFILES = Path(__file__).with_name("profiles")
ANSWER_KINDS = frozenset({"fact", "text", "choice", "number", "document"})


def _say(texts: dict[str, str]) -> str:
    """The text in the reader's language (Swedish, else English)."""
    language = (get_language() or "sv")[:2]
    return texts.get(language) or texts.get("en") or texts["sv"]


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    wording_texts: dict[str, str]
    answer: str
    required: bool
    fact: str | None
    question: str | None
    max_age_years: int | None

    @property
    def wording(self) -> str:
        return _say(self.wording_texts)


@dataclass(frozen=True)
class DefaultDeadline:
    title_texts: dict[str, str]
    month: int
    day: int
    recurs_yearly: bool

    @property
    def title(self) -> str:
        return _say(self.title_texts)


@dataclass(frozen=True)
class Profile:
    key: str
    name_texts: dict[str, str]
    url: str
    sources: tuple[str, ...]
    refresh_texts: dict[str, str]
    deadlines: tuple[DefaultDeadline, ...]
    items: tuple[Item, ...]

    @property
    def name(self) -> str:
        return _say(self.name_texts)

    @property
    def refresh(self) -> str:
        return _say(self.refresh_texts)


class ProfileError(ValueError):
    """A profile file that does not say what a profile must."""


def _item(path: Path, data: dict) -> Item:
    if data.get("answer") not in ANSWER_KINDS:
        raise ProfileError(f"{path.name}: item {data.get('id')}: unknown answer kind")
    if bool(data.get("fact")) == bool(data.get("question")):
        raise ProfileError(f"{path.name}: item {data.get('id')}: give a fact or a question")
    return Item(
        id=data["id"],
        section=data.get("section", ""),
        wording_texts=data["wording"],
        answer=data["answer"],
        required=bool(data.get("required", True)),
        fact=data.get("fact"),
        question=data.get("question"),
        max_age_years=data.get("max_age_years"),
    )


def load(path: Path) -> Profile:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = tuple(_item(path, item) for item in data["items"])
    if len({item.id for item in items}) != len(items):
        raise ProfileError(f"{path.name}: item ids repeat")
    return Profile(
        key=data["key"],
        name_texts=data["name"],
        url=data["url"],
        sources=tuple(data.get("sources", ())),
        refresh_texts=data["refresh"],
        deadlines=tuple(
            DefaultDeadline(d["title"], d["month"], d["day"], d["recurs_yearly"])
            for d in data.get("deadlines", ())
        ),
        items=items,
    )


#: The order the pages list the platforms in.
ORDER = ("covenant", "cdp", "netzerocities", "wwf-opcc", "viable-cities", "association")


@cache
def profiles() -> tuple[Profile, ...]:
    loaded = {profile.key: profile for profile in map(load, sorted(PROFILES.glob("*.json")))}
    order = [key for key in ORDER if key in loaded] + sorted(set(loaded) - set(ORDER))
    return tuple(loaded[key] for key in order)


def profile(key: str) -> Profile | None:
    return next((each for each in profiles() if each.key == key), None)


def question_keys() -> list[str]:
    """Every shared question key, in the order the profiles first ask them."""
    keys: dict[str, None] = {}
    for each in profiles():
        for item in each.items:
            if item.question:
                keys.setdefault(item.question)
    return list(keys)


def question_wording(key: str) -> str:
    """The wording of the first item that asks ``key``."""
    for each in profiles():
        for item in each.items:
            if item.question == key:
                return item.wording
    return key
