"""Re-encrypting stored case states under the newest field key.

Runs case by case, each in its own transaction under the case's row lock, so it can run while the
service serves (a case being worked on waits a moment). Audit events are never rewritten: their hashes
cover the ciphertext; the old keys stay in DANCHU_FIELD_KEYS as long as their events must stay readable.
"""
from __future__ import annotations

import json

from sqlalchemy import select

from .confidential import PREFIX_MARK
from .store.tables import Instance


def rotate_case_states(services, batch: int = 200) -> int:
    with services.uow(write=False) as uow:
        ids = list(uow.session.scalars(select(Instance.id).where(Instance.state.contains(PREFIX_MARK))
                                       .order_by(Instance.id)))
    rotated = 0
    for start in range(0, len(ids), batch):
        for instance_id in ids[start:start + batch]:
            with services.uow() as uow:
                query = select(Instance).where(Instance.id == instance_id)
                if uow.for_update:
                    query = query.with_for_update()
                instance = uow.session.scalars(query).first()
                if instance is None:
                    continue
                instance.state = json.dumps(_rotate(json.loads(instance.state), services.cipher),
                                            ensure_ascii=False, separators=(",", ":"))
                uow.commit()
                rotated += 1
    return rotated


def _rotate(value, cipher):
    if cipher.is_sealed(value):
        return cipher.rotate(value)
    if isinstance(value, dict):
        return {k: _rotate(v, cipher) for k, v in value.items()}
    if isinstance(value, list):
        return [_rotate(v, cipher) for v in value]
    return value
