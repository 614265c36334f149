import io

from flask import send_file

from engine.reports import EXPORT_TYPES, long_running_cases, long_running_export

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..review_schemas import LongRunningArgs, LongRunningReview

blp = Blueprint("reviews", __name__, url_prefix="/api/v1/reviews",
                description="Reviews the leaders run over the cases (Kế hoạch 31/KH-UBND, II.7)")


def _file(kind: str, description: str) -> dict:
    return {"description": description,
            "content": {EXPORT_TYPES[kind].split(";")[0]: {"schema": {"type": "string", "format": "binary"}}}}


@blp.route("/long-running-cases", methods=["GET"])
@blp.arguments(LongRunningArgs, location="query")
@blp.response(200, LongRunningReview)
def long_running(args):
    """Running complaints, denunciations, petitions and letters past their statutory date or opened more than
    `older_than_days` days ago, in the priority sectors (or one), by sector and hamlet (Chairman, Vice-Chairmen,
    auditors)."""
    return long_running_cases(services(), current_principal(), **args)


@blp.route("/long-running-cases.csv", methods=["GET"])
@blp.arguments(LongRunningArgs, location="query")
@blp.doc(responses={"200": _file("csv", "The review as CSV (UTF-8, ISO dates)")})
def long_running_csv(args):
    """Download the review of long-running cases as CSV."""
    return _download("csv", args)


@blp.route("/long-running-cases.xlsx", methods=["GET"])
@blp.arguments(LongRunningArgs, location="query")
@blp.doc(responses={"200": _file("xlsx", "The review as an Excel workbook (ISO dates)")})
def long_running_xlsx(args):
    """Download the review of long-running cases as an Excel workbook."""
    return _download("xlsx", args)


def _download(kind: str, args: dict):
    name, media_type, content = long_running_export(services(), current_principal(), kind, **args)
    return send_file(io.BytesIO(content), mimetype=media_type, as_attachment=True, download_name=name)
