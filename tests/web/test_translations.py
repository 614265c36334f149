"""The English catalog is complete and its committed compiled form matches its source."""
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

CATALOG = Path(__file__).resolve().parents[2] / "web" / "translations" / "en" / "LC_MESSAGES"


def test_every_message_has_an_english_translation():
    with open(CATALOG / "messages.po", "rb") as source:
        catalog = read_po(source)
    assert [m.id for m in catalog if m.id and not m.string] == []


def test_compiled_catalog_matches_its_source():
    with open(CATALOG / "messages.po", "rb") as source, open(CATALOG / "messages.mo", "rb") as compiled:
        po, mo = read_po(source), read_mo(compiled)
    assert {m.id: m.string for m in po if m.id} == {m.id: m.string for m in mo if m.id}
