import marshmallow as ma
from marshmallow import fields, validate

from edges.downloads import attachment
from engine.processes import outgoing_register, register_csv

from ..auth import current_principal, services
from ..blueprint import Blueprint

blp = Blueprint("register", __name__, url_prefix="/api/v1/register",
                description="The outgoing-document register (sổ đăng ký văn bản đi) of each commune and year")


class RegisterArgs(ma.Schema):
    year = fields.Integer(required=True, validate=validate.Range(1900, 2200))
    commune = fields.String(validate=validate.Length(1, 64), metadata={"description": "A commune's code"})


class RegisterLine(ma.Schema):
    number = fields.Integer()
    reference = fields.String(metadata={"description": "Number and symbol, e.g. 05/TB-UBND"})
    symbol = fields.String()
    issued_on = fields.Date()
    kind = fields.String(metadata={"description": "The document's type and summary (the step that issued it)"})
    commune = fields.String()
    instance_id = fields.String()
    business_key = fields.String()
    process_model = fields.String()
    task_id = fields.String(allow_none=True)
    created_by = fields.String()


class RegisterPage(ma.Schema):
    items = fields.List(fields.Nested(RegisterLine))
    total = fields.Integer()


@blp.route("", methods=["GET"])
@blp.arguments(RegisterArgs, location="query")
@blp.response(200, RegisterPage)
def index(args):
    """The documents the communes I see issued in a year, in number order: numbers are allocated when the
    step issuing a document completes, with no gap and no duplicate."""
    items = outgoing_register(services(), current_principal(), args["year"], args.get("commune"))
    return {"items": items, "total": len(items)}


@blp.route("/export.csv", methods=["GET"])
@blp.arguments(RegisterArgs, location="query")
@blp.response(200, {"type": "string"}, content_type="text/csv")
def export(args):
    """The register of a year as CSV, laid out as the clerk's book (number and symbol, date, type and summary,
    case, commune, who issued it)."""
    items = outgoing_register(services(), current_principal(), args["year"], args.get("commune"))
    return attachment(register_csv(items), "text/csv", f"so-van-ban-di-{args['year']}.csv")
