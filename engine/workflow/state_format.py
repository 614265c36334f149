"""The stored state's own format version, and the functions that bring an older state up to it.

A case's workflow is stored as SpiffWorkflow's serialization (whose `serializer_version` SpiffWorkflow
migrates itself, `SpiffWorkflow/bpmn/serializer/migration/`) inside danchu's envelope: the spec by reference,
the case data escaped. The envelope has a version of its own, `danchu_data_format` (`FORMAT_KEY`), and each
change of it comes with one migration function here, from the format before, with a docstring saying why.
A state is upgraded when it is read (`upgrade`, before SpiffWorkflow's own migration), and written in the
current format at the case's next step, so an upgrade of danchu never strands a running case. The
saved-case fixtures of `tests/compat/` (states written by named earlier commits) hold this to account.

| format | since | what changed |
|---|---|---|
| 1 | the first release (no key) | SpiffWorkflow's serialization, the spec replaced by `"danchu:by-reference"` |
| 2 | the data escaping | dicts of case data with a `typename` key written escaped (`engine.workflow.spiff_data`) |
| 3 | moving running cases | the spec reference names the deployed content it was written for (`spec.digest`) |
"""
from __future__ import annotations

from .diagram_parsing import ParsedProcess
from .spiff_data import ESCAPED, FORMAT_KEY, escape_unknown_typenames, known_typenames

FORMAT = 3
SPEC_REFERENCE = "danchu:by-reference"


class SpecMismatch(Exception):
    """A state written for another version's content than the one its case row names."""


def spec_reference(parsed: ParsedProcess) -> dict:
    """What a state stores instead of the spec: a marker and the digest of the version's deployed content."""
    return {"danchu": SPEC_REFERENCE, "digest": parsed.digest}


def from_format_1(dct: dict, parsed: ParsedProcess) -> None:
    """Format 1 → 2. Case data used to be written as it was, so a dict of the data with a `typename` key
    (a script's `{"typename": "x"}`, a form's object field) was taken by SpiffWorkflow's registry for one of
    its own objects, and the case could no longer be read. Format 2 wraps such dicts; here every dict whose
    type name SpiffWorkflow does not know is wrapped, which is what it was: data. (A look-alike of a known
    name, `{"typename": "datetime", ...}`, cannot be told from the real thing and stays as it is.)"""
    known = known_typenames() - {ESCAPED}
    for key in list(dct):
        if key != FORMAT_KEY:
            dct[key] = escape_unknown_typenames(dct[key], known)


def from_format_2(dct: dict, parsed: ParsedProcess) -> None:
    """Format 2 → 3. Running cases can now move to another version of their process, which changes the spec
    their state is restored with: a state says which deployed content it was written for, so that a state
    and a case row that disagree (a half-applied move, an edited row) are refused rather than run on a spec
    they were not made for. Before format 3 no case ever changed its version, so a format-2 state was
    written for the version its row names, the one in scope here."""
    dct["spec"] = spec_reference(parsed)


MIGRATIONS = {1: from_format_1, 2: from_format_2}


def upgrade(dct: dict, parsed: ParsedProcess) -> dict:
    """Bring a stored state (its JSON, as a dict) to the current format, in place, one step at a time; then
    check it was written for the content of `parsed`. `ValueError` for a format this release does not know
    (written by a later one), `SpecMismatch` when it belongs to another version."""
    version = dct.get(FORMAT_KEY, 1)
    if not isinstance(version, int) or not 1 <= version <= FORMAT:
        raise ValueError("a stored-state format this release does not know")
    while version < FORMAT:
        MIGRATIONS[version](dct, parsed)
        version += 1
    dct[FORMAT_KEY] = FORMAT
    reference = dct.get("spec")
    if not isinstance(reference, dict) or reference.get("digest") != parsed.digest:
        raise SpecMismatch("the state was written for another version of the process")
    return dct
