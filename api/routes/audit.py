from flask import Response

from engine.files import verify_audit_and_files
from engine.trust import export_events, search_events

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..security_schemas import AuditEventArgs, AuditEventPage, AuditExportArgs, AuditVerification

blp = Blueprint("audit", __name__, url_prefix="/api/v1/audit",
                description="The tamper-evident audit log (auditors and administrators)")


@blp.route("/events", methods=["GET"])
@blp.arguments(AuditEventArgs, location="query")
@blp.response(200, AuditEventPage)
def events(args):
    """Search audit events of my scope by user, action, case and time, oldest first."""
    items, total = search_events(services(), current_principal(), **args)
    return {"items": items, "total": total}


@blp.route("/events/export", methods=["GET"])
@blp.arguments(AuditExportArgs, location="query")
@blp.response(200, {"type": "string"}, content_type="text/csv")
@blp.alt_response(200, schema=AuditEventPage, content_type="application/json", success=True,
                  description="With format=json")
def export(args):
    """Export the matching events (up to 50 000) as CSV or JSON; the export itself is audited."""
    fmt = args.pop("format")
    args.pop("limit", None)
    args.pop("offset", None)
    content = export_events(services(), current_principal(), fmt, **args)
    mimetype = "text/csv" if fmt == "csv" else "application/json"
    return Response(content, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename=audit-events.{fmt}"})


@blp.route("/verify", methods=["GET"])
@blp.response(200, AuditVerification)
def verify():
    """Recompute the hash chain, then check every attachment's stored bytes against the hashes the chain holds;
    report the first broken link or altered file, or the head hash to publish."""
    return verify_audit_and_files(services(), current_principal())
