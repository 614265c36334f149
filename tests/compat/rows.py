"""The rows a case is made of, dumped as JSON by the code that saved it and loaded by the code that continues it.

Everything a case needs to go on is in these tables: its serialized workflow and read models, its timers and
deadline history, its links, its report figures and tracking code, the counters that number the next cases,
the drafts and notifications of its people. The audit log is not: a case never reads it to continue.
Process versions and communes are referred to by what identifies them in any database ((process, version)
with the content's SHA-256; the commune's code), since their ids are the database's own. Integer ids of
log-like rows (timers, links, deadline changes, notifications) are left to the database, whose sequences
must go on from them; case and task ids are kept, as the workflow state and the case data hold them.
"""
from __future__ import annotations

import base64
import zlib
from datetime import date, datetime

from pathlib import Path

from sqlalchemy import Date, delete, insert, select, update

from engine.core.principal import SYSTEM
from engine.definitions import load_package
from engine.definitions.spec_cache import SpecCache
from engine.processes import deploy_process_version
from engine.store.tables import Base, OrgUnit, ProcessModel, ProcessVersion, UtcDateTime

CASE_TABLES = ("instances", "tasks", "timers", "case_deadline_changes", "case_index", "case_figures",
               "tracking_codes", "instance_links", "task_drafts", "notifications", "reports", "counters")
CALENDAR_VERSION = "calendar_overrides"  # a counter too, but the calendar's, not a case's
DATABASE_IDS = {"timers", "instance_links", "case_deadline_changes", "notifications"}
COMMUNE_COLUMNS = {"instances": "commune_id", "tasks": "commune_id", "reports": "commune_id"}
PACKED = "zlib+base64:"  # a serialized workflow is most of a case's bytes; packed, a fifth of them


def dump(services) -> dict:
    tables = Base.metadata.tables
    with services.database.engine.connect() as conn:
        rows = {}
        for name in CASE_TABLES:
            table = tables[name]
            result = conn.execute(select(table).order_by(*table.primary_key.columns))
            rows[name] = [_jsonable(dict(r._mapping)) for r in result]
        rows["counters"] = [r for r in rows["counters"] if r["name"] != CALENDAR_VERSION]
        for row in rows["instances"]:
            row["state"] = PACKED + base64.b64encode(zlib.compress(row["state"].encode(), 9)).decode()
        version_ids = sorted({r["version_id"] for r in rows["instances"]})
        versions = conn.execute(select(ProcessVersion.id, ProcessVersion.process_model_id, ProcessVersion.version,
                                       ProcessVersion.sha256).where(ProcessVersion.id.in_(version_ids))).all()
        commune_ids = sorted({r[c] for t, c in COMMUNE_COLUMNS.items() for r in rows[t] if r[c] is not None})
        communes = conn.execute(select(OrgUnit.id, OrgUnit.code).where(OrgUnit.id.in_(commune_ids))).all()
    return {"rows": rows,
            "versions": {str(v.id): {"process_model": v.process_model_id, "version": v.version, "sha256": v.sha256}
                         for v in versions},
            "communes": {str(c.id): c.code for c in communes}}


LIBRARY = Path(__file__).resolve().parent / "library"  # the diagrams, as they were, that bpmn/ changed since
LIBRARY_VERSION = 1  # the fixture's commit had deployed each diagram once


def deploy_saved_library(services) -> None:
    """Make the database hold the process library the saved cases ran on, as the fixture's commit deployed it.

    A diagram of `bpmn/` changed since the fixture was written is deployed there as other content under the
    same version number, which `load` would refuse, and a linked case a scenario opens later would take it.
    Its content at the fixture's commit is kept in `library/`: it is deployed, then written into the row of
    version 1, which is the latest again, so the scenario's cases, those opened by a linked case too, run on
    the library as it was. The baseline puts the rows back after the test; the version cache starts afresh."""
    for path in sorted(LIBRARY.glob("*.bpmn")):
        deployment = deploy_process_version(services, SYSTEM, load_package(path))
        if not deployment.created:  # bpmn/ holds it as it was: nothing to put back
            continue
        old = deployment.version
        with services.database.engine.begin() as conn:
            conn.execute(delete(ProcessVersion).where(ProcessVersion.id == old.id))
            conn.execute(update(ProcessVersion).where(
                ProcessVersion.process_model_id == old.process_model_id, ProcessVersion.version == LIBRARY_VERSION)
                .values(sha256=old.sha256, name=old.name, bpmn_xml=old.bpmn_xml, files=old.files,
                        properties=old.properties))
            conn.execute(update(ProcessModel).where(ProcessModel.id == old.process_model_id)
                         .values(latest_version=LIBRARY_VERSION))
    services.specs = SpecCache()


def load(services, snapshot: dict) -> None:
    """Insert a dumped snapshot into a database holding no case, mapping versions and communes to its ids."""
    tables = Base.metadata.tables
    with services.database.engine.begin() as conn:
        version_ids = {}
        for old_id, saved in snapshot["versions"].items():
            found = conn.execute(select(ProcessVersion.id, ProcessVersion.sha256).where(
                ProcessVersion.process_model_id == saved["process_model"],
                ProcessVersion.version == saved["version"])).one_or_none()
            assert found is not None and found.sha256 == saved["sha256"], (
                f"{saved['process_model']} version {saved['version']} is not deployed as it was when the case was "
                "saved: the saved cases run on the diagrams of bpmn/ at the fixture's commit")
            version_ids[int(old_id)] = found.id
        commune_ids = {int(old_id): conn.execute(select(OrgUnit.id).where(OrgUnit.code == code)).scalar_one()
                       for old_id, code in snapshot["communes"].items()}
        rows = snapshot["rows"]
        conn.execute(delete(tables["counters"]).where(
            tables["counters"].c.name.in_([r["name"] for r in rows["counters"]])))
        for name in CASE_TABLES:
            table = tables[name]
            values = [_typed(table, r) for r in rows[name]]
            for value in values:
                if name in DATABASE_IDS:
                    del value["id"]
                if name == "instances":
                    value["version_id"] = version_ids[value["version_id"]]
                    value["state"] = zlib.decompress(base64.b64decode(value["state"][len(PACKED):])).decode()
                if name in COMMUNE_COLUMNS and value[COMMUNE_COLUMNS[name]] is not None:
                    value[COMMUNE_COLUMNS[name]] = commune_ids[value[COMMUNE_COLUMNS[name]]]
            if values:
                conn.execute(insert(table), values)


def _jsonable(row: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, (datetime, date)) else v for k, v in row.items()}


def _typed(table, row: dict) -> dict:
    value = dict(row)
    for column in table.columns:
        if value.get(column.name) is None:
            continue
        if isinstance(column.type, UtcDateTime):
            value[column.name] = datetime.fromisoformat(value[column.name])
        elif isinstance(column.type, Date):
            value[column.name] = date.fromisoformat(value[column.name])
    return value
