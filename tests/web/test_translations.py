"""The English catalog is complete, holds every text the code shows (pages and domain errors, extracted as
`make translations` does), and its committed compiled form matches its source."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from web.message_extraction import error_texts

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "web" / "translations" / "en" / "LC_MESSAGES"

# Domain-error texts built from a variable, which no catalog can hold; each is listed here on purpose.
UNKNOWN_AT_EXTRACTION = {
    # every caller passes a text marked N_
    ("engine/cases/lifecycle.py", "not_waiting"),
    # a reason chosen from the module's table of texts marked N_ (WHY_NOT)
    ("engine/cases/sending_back.py", "why"),
    # the limit is a setting (Settings.max_upload_bytes)
    ("engine/definitions/validation.py", "f'Gói quy trình vượt quá {max_bytes // (1024 * 1024)} MB.'"),
    # the expected kind of the parent unit, named by its code
    ("engine/people/accounts.py", "f'Phải là một {UNIT_KINDS[kind]}.'"),
    # the role codes sent, which the user typed
    ("engine/people/users.py", "f\"Không biết: {', '.join(unknown)}\""),
    # the step ids the administrator typed in a mapping, which the new version lacks
    ("engine/moves/moving.py", "', '.join((name[:100] for name in unknown[:10]))"),
    # jsonschema's own words on a form its meta-schema refuses, as deploy reports them
    ("web/views/modeler.py", "refused[:300]"),
    # the period codes, for the author of a diagram calling danchu.compile_report
    ("engine/reports/periods.py", "'Một trong: ' + ', '.join(MONTHS)"),
    # the CSRF refusal's text, a literal translated with gettext where it is written (web/views/common.py)
    ("web/views/common.py", "message"),
}


def _english_catalog():
    with open(CATALOG / "messages.po", "rb") as source:
        return read_po(source)


def test_every_message_has_an_english_translation():
    assert [m.id for m in _english_catalog() if m.id and not m.string] == []


def test_every_message_the_code_shows_has_an_english_entry():
    """Engine messages included: a domain error raised without an English entry would reach an English reader
    in Vietnamese."""
    with open(ROOT / "web" / "babel.cfg") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    catalog = _english_catalog()
    untranslated = sorted(
        f"{filename}:{lineno}: {message}"
        for filename, lineno, message, _, context in extract_from_dir(ROOT, method_map, options_map)
        if not _translated(catalog.get(message, context)))
    assert untranslated == [], "no English entry (run `make translations`, translate, compile):\n" + \
        "\n".join(untranslated)


def _translated(entry) -> bool:
    if entry is None:
        return False
    return all(entry.string) if isinstance(entry.string, tuple) else bool(entry.string)


def test_domain_error_texts_are_known_at_extraction_except_the_listed_ones():
    """A message built from a variable (an f-string of a value) cannot be a catalog entry: write it as a
    literal or a module constant, mark the literal `N_` where it is chosen, or list it above."""
    unknown = {(str(path.relative_to(ROOT)), expression)
               for package in ("engine", "web") for path in sorted((ROOT / package).rglob("*.py"))
               for _, expression in error_texts(path.read_text(encoding="utf-8"))[1]}
    assert unknown == UNKNOWN_AT_EXTRACTION


def test_the_extractor_reads_messages_details_and_module_constants():
    source = '''
MIN = 8
SHARED_ONLY = "Chỉ quản trị viên cấp tỉnh."
def check(value, problem):
    raise InvalidInput("Mật khẩu quá ngắn.", {"password": f"Ít nhất {MIN} ký tự.", "other": problem})
    raise errors.Forbidden(SHARED_ONLY)
    raise NotFound(message="Không " + "tìm thấy.")
    raise Conflict(f"Giá trị {value}.")
'''
    found, unknown = error_texts(source)
    assert [text for _, text in sorted(found)] == [
        "Mật khẩu quá ngắn.", "Ít nhất 8 ký tự.", "Chỉ quản trị viên cấp tỉnh.", "Không tìm thấy."]
    assert [expression for _, expression in sorted(unknown)] == ["problem", "f'Giá trị {value}.'"]


def test_compiled_catalog_matches_its_source():
    with open(CATALOG / "messages.po", "rb") as source, open(CATALOG / "messages.mo", "rb") as compiled:
        po, mo = read_po(source), read_mo(compiled)
    assert _entries(po) == _entries(mo)


def _entries(catalog) -> dict:
    """Id → translation; a plural entry's forms as a tuple (the compiled catalog reads them as a list)."""
    return {_hashable(m.id): _hashable(m.string) for m in catalog if m.id}


def _hashable(text):
    return tuple(text) if isinstance(text, (list, tuple)) else text
