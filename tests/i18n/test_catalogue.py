"""Every message has its Swedish translation: none is missing or fuzzy (a guess by msgmerge),
and each keeps the placeholders of its English text. Run ``makemessages`` first to see new
messages (see README: translations)."""

import re
import subprocess
from pathlib import Path

import polib
import pytest

import klimatlaget

LOCALE = Path(klimatlaget.__file__).parent / "locale"
SWEDISH = LOCALE / "sv" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|%%|\{[a-z_]*\}")


def _entries() -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(SWEDISH)) if not entry.obsolete]


def _texts(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural.get(i, "") for i in range(2)]
    return [entry.msgstr]


def test_every_message_is_translated_to_swedish():
    missing = [e.msgid for e in _entries() if e.fuzzy or not all(_texts(e))]
    assert not missing, f"{len(missing)} messages without a Swedish translation: {missing[:20]}"


def test_translations_keep_the_placeholders():
    """The same placeholders as the English (a singular may leave out the count)."""
    wrong = []
    for entry in _entries():
        if "python-format" not in entry.flags and "{" not in entry.msgid:
            continue
        if entry.msgid_plural:
            english = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            texts = _texts(entry)
            if not set(PLACEHOLDER.findall(texts[0])) <= english or set(
                PLACEHOLDER.findall(texts[1])
            ) != set(PLACEHOLDER.findall(entry.msgid_plural)):
                wrong.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != sorted(PLACEHOLDER.findall(entry.msgid)):
            wrong.append(entry.msgid)
    assert not wrong, f"translations that lose or add a placeholder: {wrong[:20]}"


def test_the_catalogue_compiles():
    if subprocess.run(["which", "msgfmt"], capture_output=True).returncode:
        pytest.fail("msgfmt (gettext) is needed to compile the translations")
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(SWEDISH)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
