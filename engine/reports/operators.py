"""The service-task operators of the periodic report (`bao_cao_dinh_ky`).

`danchu.compile_report`: the figures of a report period for the case's commune (`engine.reports.figures`), so no
figure is typed in by hand. Params: `ky_bao_cao` (`q1`, `q2`, `q3`, `q4`, `6_thang`, `9_thang`, `nam`), `nam` (the year),
`ngay_chot_so_lieu` (the data cut-off day, 0 = calendar months; see `engine.reports.periods`). Result: the
figures (period, headings, tables) as plain data.

`danchu.freeze_report`: stores the approved report for good (`engine.reports.frozen`). Params: `so_lieu`
(the compiled figures the Office drafted from), `du_thao` (a dict of the draft's texts), `y_kien_phe_duyet`
(the Chairman's comment), `lich_su_tra_lai` (the comments of earlier returns). The approver is the user
whose step reached the task: the Chairman completing the approval. Result: `{sha256, nguoi_phe_duyet,
phe_duyet_luc}`.
"""
from ..core.errors import InvalidInput
from ..core.timezone import commune_tz
from ..workflow.service_tasks import ServiceContext
from .figures import compile_figures
from .frozen import freeze_report
from .periods import report_period


def compile_report(context: ServiceContext, params: dict) -> dict:
    case = context.case
    if case.commune_id is None:
        raise InvalidInput("Báo cáo định kỳ phải thuộc một xã.", {"commune": "Hồ sơ không gắn với xã nào."})
    period = report_period(params.get("ky_bao_cao"), params.get("nam"), commune_tz(context.services),
                           params.get("ngay_chot_so_lieu") or 0)
    return compile_figures(context.uow.session, commune_id=case.commune_id, period=period,
                           now=context.services.clock.now(), exclude_process=case.process_model_id)


def freeze(context: ServiceContext, params: dict) -> dict:
    report = freeze_report(context.services, context.uow.session, context.case,
                           figures=params.get("so_lieu"), draft=params.get("du_thao"),
                           approval_comment=params.get("y_kien_phe_duyet"),
                           returns=params.get("lich_su_tra_lai"), approved_by=context.principal.username)
    return {"sha256": report.sha256, "nguoi_phe_duyet": report.approved_by,
            "phe_duyet_luc": report.content["phe_duyet_luc"]}


OPERATORS = {"danchu.compile_report": compile_report, "danchu.freeze_report": freeze}  # registered by engine.services
