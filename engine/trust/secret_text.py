"""Confidential values that a diagram copied into other text: found by value, sealed or masked.

Sealing by field name (`engine.trust.confidential`) protects a denouncer's name where the form put it. A diagram can
also copy it elsewhere: a script's `tom_tat = 'Người tố cáo: ' + nguoi_to_cao`, a service task's parameters, a
notification's title, the case's outcome. Whatever a diagram says, such derived text must not carry the value
to anyone who may not read it, nor sit unsealed at rest. So every command knows, case by case, the plaintext of
the confidential values it handled (the memo `open_state` and `seal_state` fill: plaintext JSON -> ciphertext,
one per case, `engine.trust.confidential.case_memo`), and every place that stores or sends text derived from a
case's data looks for that case's secrets in it:

- the stored workflow: a data string holding a secret is sealed whole, like a confidential field
  (`seal_derived_in_workflow`), so it is redacted for non-readers and stays sealed from then on (its own
  plaintext joins the memo the next time the case is opened);
- audit event data: the same, when the transaction's events are chained (`seal_derived`);
- notifications (which may be mailed), frozen reports (handed out as documents), the case's outcome, the
  search index and the public board: the secret is masked (`mask_secrets`, `mask_tree`) or the value left
  out (`holds_secret`).

A value shorter than `MIN_SECRET_LENGTH` characters is not looked for: it would match too much innocent text.
This catches copies and concatenations, not a diagram that encodes a value on purpose; that is why only an
administrator above the communes deploys diagrams (`engine.trust.access.may_change_shared`).
"""
from __future__ import annotations

import json

MIN_SECRET_LENGTH = 4
MASK = "[bảo mật]"


def secrets_of(plain_json) -> tuple[str, ...]:
    """The strings inside the given confidential values (their plaintext JSON texts), longest first."""
    found: set[str] = set()
    for plain in plain_json:
        _strings(json.loads(plain), found)
    return tuple(sorted(found, key=len, reverse=True))


def _strings(value, found: set[str]) -> None:
    if isinstance(value, str):
        value = value.strip()
        if len(value) >= MIN_SECRET_LENGTH:
            found.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)


def holds_secret(text: str, secrets) -> bool:
    return any(secret in text for secret in secrets)


def mask_secrets(text: str, secrets) -> str:
    for secret in secrets:  # longest first: a name inside a longer address is masked with it
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def mask_tree(value, secrets):
    """`value` with every secret inside its strings masked (a document handed out of danchu)."""
    if not secrets:
        return value
    if isinstance(value, str):
        return mask_secrets(value, secrets)
    if isinstance(value, dict):
        return {key: mask_tree(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_tree(item, secrets) for item in value]
    return value


def seal_derived(value, secrets, seal):
    """`value` (case data) with every string holding a secret replaced by `seal(string)`. A typed value of
    the workflow serializer (a dict with `typename`) is kept as it is: its strings are its structure."""
    if isinstance(value, str):
        return seal(value) if holds_secret(value, secrets) else value
    if isinstance(value, dict):
        if "typename" in value:
            return value
        return {key: seal_derived(item, secrets, seal) for key, item in value.items()}
    if isinstance(value, list):
        return [seal_derived(item, secrets, seal) for item in value]
    return value


def seal_derived_in_workflow(workflow: dict, secrets, seal) -> None:
    """Seal, in place, the data strings holding a secret in a serialized workflow: its data, each task's data,
    internal data (message payloads) and pending updates, and the same in its sub-workflows. Only those
    places: elsewhere the strings are the serializer's (task ids, spec names), which must stay as they are."""
    for key in ("data", "correlations"):
        if isinstance(workflow.get(key), dict):
            workflow[key] = seal_derived(workflow[key], secrets, seal)
    tasks = workflow.get("tasks")
    for task in tasks.values() if isinstance(tasks, dict) else ():
        if not isinstance(task, dict):
            continue
        for key in ("data", "internal_data"):
            if isinstance(task.get(key), dict):
                task[key] = seal_derived(task[key], secrets, seal)
        delta = task.get("delta")
        if isinstance(delta, dict) and isinstance(delta.get("updates"), dict):
            delta["updates"] = seal_derived(delta["updates"], secrets, seal)
    subprocesses = workflow.get("subprocesses")
    for sub in subprocesses.values() if isinstance(subprocesses, dict) else ():
        if isinstance(sub, dict):
            seal_derived_in_workflow(sub, secrets, seal)
