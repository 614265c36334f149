"""Confidential form fields: sealed at rest, revealed only to who may read them, every read audited.

A form marks a field `"x-confidential": true` (a complainant's ID number and address, a denouncer's
identity: Law on Denunciations Arts. 9, 47, 56). Within a case every field of that name is confidential,
at any depth of the data, since SpiffWorkflow keeps form data and process variables in one namespace.

Where plaintext exists: only in memory while a command runs a step (gateways may need the values). The
stored workflow (`instances.state`) and the audit events hold sealed values (`engine.trust.field_crypto`);
`open_state`/`seal_state` are the one door between the two. Every read path (case data, task
instructions, history, audit search and export) passes through `disclose`, which redacts unless
`may_read` holds, and records a `confidential_read` audit event when it reveals something.

Who may read (a function of role and relation to the case, documented in docs/security.md):
- never an auditor (`kiem_tra`): auditors check the procedure, not the secrets;
- only people of the authority handling the case (its commune, or the province it moved to: `handling_unit`):
  a province's user sees a commune's case but never reads its secrets;
- never a person the case excludes (the one it denounces, `engine.trust.exclusions`), whatever their role;
- among them, the Chairman (`chu_tich`);
- and the officer handling the case: the one who opened it, or the one holding or having completed one of its
  tasks, except in a verification lane (`can_bo_xac_minh`): the verifier works on the redacted copy (Art. 56).
Everyone else in scope (other lanes, administrators) sees `[bảo mật]`; outside scope the case does not exist.
"""
from __future__ import annotations

import json
import re

from sqlalchemy import or_, select

from ..core.principal import RESERVED_USERNAMES
from ..core.roles import AUDITOR
from ..definitions.spec_cache import versions_of
from ..store.tables import Task
from .exclusions import is_excluded
from .secret_text import holds_secret, seal_derived_in_workflow, secrets_of

REDACTED = "[bảo mật]"
READER_ROLES = frozenset({"chu_tich"})
REDACTED_LANES = frozenset({"can_bo_xac_minh"})
CIPHER_KEY = "danchu_cipher"
PREFIX_MARK = "danchu-enc:"  # the start of every sealed value (engine.trust.field_crypto.PREFIX)


def fields_of(session, version_id: int) -> frozenset[str]:
    """The confidential field names of a version (cached with the version: versions never change)."""
    version = versions_of(session).version(session, version_id)
    return version.confidential if version is not None else frozenset()


def cipher_of(session):
    cipher = session.info.get(CIPHER_KEY)
    if cipher is None:
        raise RuntimeError("no field cipher on this session: open it with services.uow()")
    return cipher


# --- sealing --------------------------------------------------------------------------------------

def seal_tree(value, fields: frozenset[str], cipher):
    if isinstance(value, dict):
        return {k: (cipher.seal(v) if k in fields and v is not None and not cipher.is_sealed(v)
                    else seal_tree(v, fields, cipher)) for k, v in value.items()}
    if isinstance(value, list):
        return [seal_tree(v, fields, cipher) for v in value]
    return value


def open_tree(value, cipher):
    if cipher.is_sealed(value):
        return cipher.open(value)
    if isinstance(value, dict):
        return {k: open_tree(v, cipher) for k, v in value.items()}
    if isinstance(value, list):
        return [open_tree(v, cipher) for v in value]
    return value


def redact_tree(value, fields: frozenset[str], secrets: tuple[str, ...] = ()):
    """`value` with confidential fields, sealed values and strings holding one of the `secrets` redacted."""
    if isinstance(value, str) and (value.startswith(PREFIX_MARK) or holds_secret(value, secrets)):
        return REDACTED
    if isinstance(value, dict):
        return {k: (REDACTED if k in fields and v is not None else redact_tree(v, fields, secrets))
                for k, v in value.items()}
    if isinstance(value, list):
        return [redact_tree(v, fields, secrets) for v in value]
    return value


def present_fields(value, fields: frozenset[str], found: set | None = None) -> set[str]:
    found = set() if found is None else found
    if isinstance(value, dict):
        for k, v in value.items():
            if k in fields and v is not None:
                found.add(k)
            else:
                present_fields(v, fields, found)
    elif isinstance(value, list):
        for v in value:
            present_fields(v, fields, found)
    return found


def seal_state(cipher, fields: frozenset[str], state: str, memo: dict | None = None,
               known: tuple[str, ...] = ()) -> str:
    """The serialized workflow with every confidential value sealed (task data, case data, messages), and every
    data string that holds one of them (a copy a diagram made under another name, `engine.trust.secret_text`).

    SpiffWorkflow keeps a copy of the data in every task, so one value appears many times: with the `memo`
    that `open_state` filled for this command, a value that did not change keeps the ciphertext it was
    read with instead of being encrypted again, copy by copy (never for key rotation, which must re-seal:
    it passes what it opened as `known` plaintext JSON instead). The memo also says which values were
    confidential, so whatever a command sealed or opened is looked for in the rest of the data.
    Inner objects are sealed before the object holding them; `open_state` opens layer after layer.
    """
    by_plain = memo if memo is not None else {}
    if not fields and not by_plain and not known:
        return state

    def seal_value(value):
        plain = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        sealed = by_plain.get(plain)
        if sealed is None:
            sealed = cipher.seal(value)
            by_plain[plain] = sealed
        return sealed

    def seal_object(obj: dict) -> dict:
        for key in fields.intersection(obj):
            value = obj[key]
            if value is not None and not cipher.is_sealed(value):
                obj[key] = seal_value(value)
        return obj

    tree = json.loads(state, object_hook=seal_object) if fields else json.loads(state)
    secrets = secrets_of([*by_plain, *known])
    if secrets:
        seal_derived_in_workflow(tree, secrets, seal_value)
    return json.dumps(tree, ensure_ascii=False, separators=(",", ":"))


def case_memo(session, case_id: str) -> dict:
    """The seal memo of one case in this unit of work (plaintext JSON -> ciphertext): one per case, so that a
    batch of cases in one transaction (the worker's) never looks for one case's secrets in another's text."""
    return session.info.setdefault(SEAL_MEMO, {}).setdefault(case_id, {})


def command_secrets(session, case_id: str | None) -> tuple[str, ...]:
    """The confidential strings of this case that this unit of work opened or sealed (`engine.trust.secret_text`)."""
    memos = session.info.get(SEAL_MEMO) or {}
    return secrets_of(memos.get(case_id) or ()) if case_id is not None else ()


SEAL_MEMO = "danchu_seal_memo"  # case id -> its seal memo, for this unit of work only


# A sealed value as it stands in JSON text: a string value (not a key) holding the prefix and a Fernet token.
_SEALED_IN_JSON = re.compile(r'"(' + re.escape(PREFIX_MARK) + r'v1:[A-Za-z0-9_\-=]+)"(?!\s*:)')
_MAX_LAYERS = 8


def open_state(cipher, state: str, memo: dict | None = None) -> str:
    """The serialized workflow with every sealed value opened, on the JSON text: one decryption per
    distinct ciphertext, however many task copies hold it. `memo` (plaintext JSON -> ciphertext) lets
    `seal_state` reuse the ciphertexts of the values the command leaves unchanged."""
    opened: dict[str, str] = {}

    def open_match(match) -> str:
        token = match.group(1)
        plain = opened.get(token)
        if plain is None:
            plain = json.dumps(cipher.open(token), ensure_ascii=False, separators=(",", ":"))
            opened[token] = plain
            if memo is not None:
                memo[plain] = token
        return plain

    for _ in range(_MAX_LAYERS):  # a sealed object may hold sealed values of its own
        if PREFIX_MARK not in state:
            break
        state = _SEALED_IN_JSON.sub(open_match, state)
    return state


def seal_event_data(session, version_id: int, data: dict) -> dict:
    fields = fields_of(session, version_id)
    if not fields or not present_fields(data, fields):
        return data
    return seal_tree(data, fields, cipher_of(session))


# --- reading --------------------------------------------------------------------------------------

def handling_unit(case) -> int | None:
    """The authority that handles the case, whose holders may read its secrets: its commune, or the unit it
    moved to (a denunciation of the commune Chairman, handled by the province: `engine.cases.conflict`)."""
    return case.handling_unit_id if case.handling_unit_id is not None else case.commune_id


def may_read(session, principal, case) -> bool:
    """May this user see the plaintext of the case's confidential fields? (The case is in their scope.)

    Only people of the handling authority read: seeing a case (a province's users see every commune's) is
    not reading its secrets, and a Chairman reads those of their own commune's cases, not every commune's.
    The person a case excludes never reads (the denounced Chairman does not learn who denounced him)."""
    if principal.has_role(AUDITOR) or principal.username in RESERVED_USERNAMES:
        return False
    if principal.acting_unit is None or principal.acting_unit != handling_unit(case):
        return False
    if principal.has_role(*READER_ROLES):
        return not is_excluded(session, principal.username, case.id)
    handled = case.created_by == principal.username or session.scalars(select(Task.id).where(
        Task.instance_id == case.id, Task.role.not_in(REDACTED_LANES),
        or_(Task.assignee == principal.username, Task.completed_by == principal.username)).limit(1)).first()
    return bool(handled) and not is_excluded(session, principal.username, case.id)


def disclose(session, principal, case, value, reader: bool | None = None):
    """`value` (plaintext or sealed) as this user may see it, and the names of the fields revealed."""
    fields = fields_of(session, case.version_id)
    if reader is None:
        reader = may_read(session, principal, case)
    if not reader:  # copies a diagram made under other names too (`engine.trust.secret_text`)
        return redact_tree(value, fields, command_secrets(session, case.id)), set()
    cipher = cipher_of(session)
    opened = open_tree(value, cipher)
    return opened, present_fields(opened, fields)
