"""The audit log as a hash chain: each event carries the hash of the one before it and of its own content.

`hash = sha256(canonical JSON of the event's content, including its position `seq` and `prev_hash`)`.
Editing an event breaks its own hash; deleting one breaks the link of the next (and leaves a gap in
`seq`); inserting or dropping events at the end disagrees with the chain head (`audit_chain`, one row).
Appends lock that head row (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite's write lock already serializes
writers) in the transaction of the change they record, so several servers never fork the chain.

Hashes cover what is stored, confidential values included as ciphertext: verifying needs no key, and no
hash of a short plaintext (a phone number) can be brute-forced offline. Someone who can rewrite the whole
table can recompute the whole chain: publish the head hash (`danchu audit verify`) to anchor it.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from sqlalchemy import bindparam, insert, select, update

from ..core.messages import N_
from ..store.tables import AuditChain, AuditEvent

GENESIS = "0" * 64
HEAD_ID = 1
CONTENT = ("seq", "occurred_at", "actor", "action", "instance_id", "task_id", "process_model_id", "version",
           "commune_id", "data")


def canonical(content: dict) -> str:
    values = {}
    for name in CONTENT:
        value = content.get(name)
        if isinstance(value, datetime):
            value = value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        values[name] = value
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_hash(content: dict, prev_hash: str) -> str:
    return hashlib.sha256((canonical(content) + "|" + prev_hash).encode("utf-8")).hexdigest()


def as_stored(data: dict) -> dict:
    """The data as the database gives it back (JSON round trip), so the hash verifies later."""
    return json.loads(json.dumps(data, ensure_ascii=False))


def _create_head(session) -> AuditChain:
    """The head row exists from the migration; recreate it (at the genesis) only if someone deleted it."""
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        module = __import__(f"sqlalchemy.dialects.{dialect}", fromlist=["insert"])
        session.execute(module.insert(AuditChain).values(id=HEAD_ID, last_seq=0, last_hash=GENESIS)
                        .on_conflict_do_nothing())
    query = select(AuditChain).where(AuditChain.id == HEAD_ID)
    if dialect == "postgresql":
        query = query.with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).one()


def append(session, events: list[dict]) -> None:
    """Append `events` (column values of new rows), in order, to the chain: number and hash them under one
    lock of the head, held by the caller's transaction until it commits, move the head and insert them. On
    PostgreSQL the head's move and the rows are one statement (the move a data-modifying `WITH`): with the
    head's read, two round trips per command whatever it recorded."""
    connection = session.connection()  # plain table statements: no ORM layer to go through
    seq, last_hash = chain(session, events)
    if connection.dialect.name == "postgresql":
        moved = (update(_HEAD_ROW).where(_HEAD_ROW.c.id == HEAD_ID).values(last_seq=seq, last_hash=last_hash)
                 .cte("moved_head"))
        connection.execute(insert(_EVENTS).values(events).add_cte(moved))
    else:
        connection.execute(_MOVE_HEAD, {"seq": seq, "hash": last_hash})
        connection.execute(_INSERT_EVENTS, events)


def chain(session, events: list[dict]) -> tuple[int, str]:
    """Give `events`, in order, their places in the chain and their hashes, after the head as read and locked
    in the caller's transaction; the new head (`seq`, `hash`), which the caller writes. Core statements built
    once: this runs in every command."""
    connection = session.connection()
    postgresql = connection.dialect.name == "postgresql"
    head = connection.execute(_HEAD_FOR_UPDATE if postgresql else _HEAD).first()
    if head is None:
        created = _create_head(session)
        head = (created.last_seq, created.last_hash)
    seq, last_hash = head
    for event in events:
        seq += 1
        event["seq"], event["prev_hash"] = seq, last_hash
        event["data"] = as_stored(event.get("data") or {})
        event["hash"] = last_hash = event_hash(event, last_hash)
    return seq, last_hash


_EVENTS = AuditEvent.__table__
_INSERT_EVENTS = insert(_EVENTS)
_HEAD_ROW = AuditChain.__table__
_HEAD = select(_HEAD_ROW.c.last_seq, _HEAD_ROW.c.last_hash).where(_HEAD_ROW.c.id == HEAD_ID)
_HEAD_FOR_UPDATE = _HEAD.with_for_update()
_MOVE_HEAD = (update(_HEAD_ROW).where(_HEAD_ROW.c.id == HEAD_ID)
              .values(last_seq=bindparam("seq"), last_hash=bindparam("hash")))


def _content_of(event: AuditEvent) -> dict:
    return {name: getattr(event, name) for name in CONTENT}


def verify_chain(session, batch: int = 1000) -> dict:
    """Walk the chain in order; report the first broken link, or the head hash when all holds."""
    previous_hash, expected_seq, checked = GENESIS, 1, 0
    last_id = None
    query = select(AuditEvent).order_by(AuditEvent.seq.is_(None), AuditEvent.seq, AuditEvent.id)
    for event in session.scalars(query.execution_options(yield_per=batch)):
        checked += 1
        problem, at = None, event.seq
        if event.seq is None or event.hash is None:
            problem = N_("Sự kiện không nằm trong chuỗi (thiếu số thứ tự hoặc mã băm): bị chèn ngoài hệ thống.")
        elif event.seq != expected_seq:
            problem, at = f"Thiếu sự kiện số {expected_seq}: đã bị xóa.", expected_seq
        elif event.prev_hash != previous_hash:
            problem = N_("Mã băm của sự kiện trước không khớp: chuỗi bị cắt hoặc sự kiện trước bị sửa.")
        elif event_hash(_content_of(event), event.prev_hash) != event.hash:
            problem = N_("Nội dung sự kiện không khớp mã băm: đã bị sửa.")
        if problem:
            return {"ok": False, "checked": checked, "head_hash": None,
                    "first_broken": {"seq": at if at is not None else expected_seq,
                                     "event_id": event.id, "problem": problem}}
        previous_hash, expected_seq, last_id = event.hash, expected_seq + 1, event.id
    head = session.get(AuditChain, HEAD_ID)
    head_seq, head_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS)
    if head_seq != expected_seq - 1 or head_hash != previous_hash:
        problem = (N_("Các sự kiện cuối của chuỗi đã bị xóa.") if head_seq > expected_seq - 1 else
                   N_("Đầu chuỗi không khớp sự kiện cuối: có sự kiện bị thêm hoặc đầu chuỗi bị sửa."))
        return {"ok": False, "checked": checked, "head_hash": None,
                "first_broken": {"seq": min(head_seq, expected_seq - 1) + 1, "event_id": None, "problem": problem}}
    return {"ok": True, "checked": checked, "head_hash": previous_hash, "first_broken": None,
            "last_event_id": last_id}
