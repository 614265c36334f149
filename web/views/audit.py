"""Auditors: a case's diagram with the path taken, and per step who did it, when, with which data; the
case history as a CSV export; the whole-log search, its CSV/JSON export (itself audited) and the check of
the hash chain, all through `engine.trust.audit_log`."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time, timedelta

from flask import Response, render_template, request, url_for

from edges.downloads import attachment
from engine.cases import case_diagram, case_history, get_case, message_title
from engine.core import ADMINISTRATOR, AUDITOR, ROLES, InvalidInput, commune_tz
from engine.portal import outcome_label
from engine.definitions import version_fields
from engine.processes import get_version
from engine.trust import export_events, search_events, verify_audit

from ..blueprint import bp
from ..form_render import day_to_iso
from ..session_auth import current_principal, login_required, roles_required, services
from .common import ACTION_LABELS, name_people, page_number

PAGE_SIZE = 50
TEXT_FILTERS = {"actor": 64, "action": 40, "business_key": 40}


def _filters() -> tuple[dict, dict, dict]:
    """The search form's values, the engine's filters (dates as the commune's whole days) and field errors."""
    values = {name: request.args.get(name, "").strip()[:limit] for name, limit in TEXT_FILTERS.items()}
    filters = {name: value for name, value in values.items() if value}
    errors = {}
    tz = commune_tz(services())
    for name, engine_name, shift in (("from", "occurred_from", 0), ("to", "occurred_to", 1)):
        values[name] = request.args.get(name, "").strip()[:10]
        if not values[name]:
            continue
        try:
            day = date.fromisoformat(day_to_iso(values[name])) + timedelta(days=shift)
        except ValueError:
            errors[name] = "Ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
            continue
        instant = datetime.combine(day, time.min, tzinfo=tz)
        filters[engine_name] = instant - timedelta(microseconds=shift)
    return values, filters, errors


@bp.route("/audit")
@roles_required(AUDITOR, ADMINISTRATOR)
def audit_home():
    principal = current_principal()
    values, filters, errors = _filters()
    page = page_number()
    events, total = [], 0
    searched = any(values.values())
    if searched and not errors:
        events, total = search_events(services(), principal, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                                      **filters)
    query = {k: v for k, v in values.items() if v}
    name_people(e["actor"] for e in events)
    case_fields, versions = {}, {}  # each case event's data by its version's field titles, as on its audit page
    for event in events:
        key = f"{event['process_model']}:{event['version']}"
        if event["instance_id"] and event["version"] and key not in case_fields:
            versions[key] = get_version(services(), event["process_model"], event["version"])
            case_fields[key] = version_fields(versions[key])
        if key in versions:
            event["data"] = readable_data(event, versions[key])
    return render_template("audit/index.html", values=values, errors=errors, events=events, total=total, page=page,
                           pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), query=query, searched=searched,
                           verification=verify_audit(services(), principal), action_codes=list(ACTION_LABELS),
                           case_fields=case_fields), 422 if errors else 200


@bp.route("/audit/events.<fmt>")
@roles_required(AUDITOR, ADMINISTRATOR)
def audit_export(fmt):
    if fmt not in ("csv", "json"):
        raise InvalidInput("Định dạng không hợp lệ.", {"format": "Phải là csv hoặc json."})
    _, filters, errors = _filters()
    if errors:
        raise InvalidInput("Ngày không hợp lệ.", errors)
    content = export_events(services(), current_principal(), fmt, **filters)
    if fmt == "csv":
        content = "\ufeff" + content
    return Response(content, mimetype="text/csv" if fmt == "csv" else "application/json",
                    headers={"Content-Disposition": f"attachment; filename=nhat-ky-kiem-tra.{fmt}"})


@bp.route("/cases/<instance_id>/audit")
@login_required
def case_audit(instance_id):
    principal = current_principal()
    detail = get_case(services(), principal, instance_id)
    diagram = case_diagram(services(), principal, instance_id)
    version = get_version(services(), detail["process_model"], detail["version"])
    fields = version_fields(version)
    config = {"xmlUrl": url_for("web.case_diagram_xml", instance_id=instance_id),
              "completed": diagram["completed"], "flows": diagram["flows"], "active": diagram["active"],
              "current": diagram["current"], "roleTitles": ROLES,
              "messages": {"loadFailed": "Không tải được sơ đồ."}}
    history = case_history(services(), principal, instance_id)
    for event in history:
        event["data"] = readable_data(event, version)
    name_people(e["actor"] for e in history)
    return render_template("audit/case.html", case=detail, diagram=diagram, config=config, fields=fields,
                           history=history, outcome=outcome_label(version, detail["outcome"]))


def readable_data(event: dict, version) -> dict:
    """An event's data with the codes of the process put in words for the page (the log keeps the codes):
    an end's outcome, a message's name."""
    data = event["data"] or {}
    if event["action"] == "ended" and data.get("outcome"):
        return {**data, "outcome": outcome_label(version, data["outcome"])}
    if event["action"] == "message" and isinstance(data.get("name"), str):
        return {**data, "name": message_title(version, data["name"])}
    return data


@bp.route("/cases/<instance_id>/diagram.xml")
@login_required
def case_diagram_xml(instance_id):
    """The case's diagram as a download, never shown inline (`edges/downloads.py`); the case page fetches it."""
    diagram = case_diagram(services(), current_principal(), instance_id)
    return attachment(diagram["bpmn_xml"], "application/xml",
                      f"{diagram['process_model']}-v{diagram['version']}.bpmn")


@bp.route("/cases/<instance_id>/history.csv")
@login_required
def case_history_csv(instance_id):
    history = case_history(services(), current_principal(), instance_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "occurred_at", "actor", "action", "task_id", "task_title", "version", "data"])
    tz = commune_tz(services())  # local time with its offset, as in the audit log's CSV export
    for event in history:
        writer.writerow([event["id"], event["occurred_at"].astimezone(tz).isoformat(timespec="seconds"),
                         event["actor"] or "", event["action"],
                         event["task_id"] or "", event["task_title"] or "", event["version"] or "",
                         json.dumps(event["data"], ensure_ascii=False, sort_keys=True)])
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=lich-su-{instance_id}.csv"})
