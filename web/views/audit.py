"""Auditors: a case's diagram with the path taken, and per step who did it, when, with which data; the
case history as a CSV export. The whole-log search and the hash-chain check come with the audit-trail work
(issue 5) and are linked from the auditor's page once the engine offers them."""
from __future__ import annotations

import csv
import io
import json

from flask import Response, render_template, url_for

from engine.case_path import case_diagram
from engine.form_fields import version_fields
from engine.instances import get_instance, instance_history
from engine.process_models import get_version
from engine.roles import ADMINISTRATOR, AUDITOR

from ..blueprint import bp
from ..session_auth import current_principal, login_required, roles_required, services


@bp.route("/audit")
@roles_required(AUDITOR, ADMINISTRATOR)
def audit_home():
    return render_template("audit/index.html")


@bp.route("/cases/<instance_id>/audit")
@login_required
def case_audit(instance_id):
    principal = current_principal()
    detail = get_instance(services(), principal, instance_id)
    diagram = case_diagram(services(), principal, instance_id)
    fields = version_fields(get_version(services(), detail["process_model"], detail["version"]))
    config = {"xmlUrl": url_for("web.case_diagram_xml", instance_id=instance_id),
              "completed": diagram["completed"], "active": diagram["active"], "current": diagram["current"],
              "messages": {"loadFailed": "Không tải được sơ đồ."}}
    return render_template("audit/case.html", case=detail, diagram=diagram, config=config, fields=fields,
                           history=instance_history(services(), principal, instance_id))


@bp.route("/cases/<instance_id>/diagram.xml")
@login_required
def case_diagram_xml(instance_id):
    diagram = case_diagram(services(), current_principal(), instance_id)
    return Response(diagram["bpmn_xml"], mimetype="application/xml")


@bp.route("/cases/<instance_id>/history.csv")
@login_required
def case_history_csv(instance_id):
    history = instance_history(services(), current_principal(), instance_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "occurred_at", "actor", "action", "task_id", "task_title", "version", "data"])
    for event in history:
        writer.writerow([event["id"], event["occurred_at"].isoformat(), event["actor"] or "", event["action"],
                         event["task_id"] or "", event["task_title"] or "", event["version"] or "",
                         json.dumps(event["data"], ensure_ascii=False, sort_keys=True)])
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=lich-su-{instance_id}.csv"})
