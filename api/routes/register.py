import marshmallow as ma
from marshmallow import fields, validate

from edges.downloads import attachment
from engine.processes import outgoing_register, register_csv

from ..auth import current_principal, services
from ..blueprint import Blueprint

blp = Blueprint("register", __name__, url_prefix="/api/v1/register",
                description="The outgoing-document registers (sổ đăng ký văn bản đi) of each commune, issuing "
                            "body and year")


class RegisterArgs(ma.Schema):
    year = fields.Integer(required=True, validate=validate.Range(1900, 2200))
    commune = fields.String(validate=validate.Length(1, 64), metadata={"description": "A commune's code"})
    issuer = fields.String(validate=validate.Length(1, 40), metadata={
        "description": "One issuing body's book: UBND (the People's Committee), MTTQ (the Front's committee), "
                       "TTND (the People's Inspection Board)... (the symbol's part after the type)"})


class RegisterLine(ma.Schema):
    number = fields.Integer()
    reference = fields.String(metadata={"description": "Number and symbol, e.g. 05/TB-UBND"})
    symbol = fields.String()
    issuer = fields.String(metadata={"description": "The issuing body whose book numbers it (UBND, MTTQ, ...)"})
    issued_on = fields.Date()
    kind = fields.String(metadata={"description": "The document's type and summary (the step that issued it)"})
    commune = fields.String()
    instance_id = fields.String()
    business_key = fields.String()
    process_model = fields.String()
    task_id = fields.String(allow_none=True)
    created_by = fields.String(metadata={"description": "The username of who completed the step"})
    created_by_name = fields.String(metadata={"description": "Their full name, as the clerk's book writes it"})


class RegisterPage(ma.Schema):
    items = fields.List(fields.Nested(RegisterLine))
    total = fields.Integer()


@blp.route("", methods=["GET"])
@blp.arguments(RegisterArgs, location="query")
@blp.response(200, RegisterPage)
def index(args):
    """The documents the communes I see issued in a year, in number order: numbers are allocated when the
    step issuing a document completes, with no gap and no duplicate."""
    items = outgoing_register(services(), current_principal(), args["year"], args.get("commune"),
                              args.get("issuer"))
    return {"items": items, "total": len(items)}


@blp.route("/export.csv", methods=["GET"])
@blp.arguments(RegisterArgs, location="query")
@blp.response(200, {"type": "string"}, content_type="text/csv")
def export(args):
    """The register of a year as CSV, laid out as the clerk's book (number and symbol, date, type and summary,
    case, commune, who issued it)."""
    items = outgoing_register(services(), current_principal(), args["year"], args.get("commune"),
                              args.get("issuer"))
    return attachment(register_csv(items), "text/csv", f"so-van-ban-di-{args['year']}.csv")
