"""The public portal (no login): submit a request, follow it by its tracking code, the disclosure board,
and open consultations. What is public is decided by each diagram's `public*` process properties."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext

from edges.downloads import attachment
from edges.uploads import uploads_from
from engine.core import InvalidInput, NotFound, TooManyAttempts
from engine.people import list_org_units
from engine.portal import (
    disclosure_board,
    get_consultation,
    open_consultations,
    public_process,
    public_processes,
    start_public_case,
    submit_public_comment,
    download_sent_document,
    track_case,
)

from ..blueprint import bp
from ..form_render import build_fields, parse_submission
from ..session_auth import services
from .common import page_response


@bp.route("/cong-dan/")
def public_home():
    return render_template("public/home.html", processes=public_processes(services()))


@bp.route("/cong-dan/gui/<process_model>", methods=["GET", "POST"])
def public_start(process_model):
    process = public_process(services(), process_model)
    communes = list_org_units(services(), kind="commune")
    values, errors, status, retry = {}, {}, 200, None
    commune = request.form.get("commune") or (communes[0]["code"] if len(communes) == 1 else "")
    if request.method == "POST":
        values = parse_submission(process["form"], request.form)
        try:
            result = start_public_case(services(), process_model, commune, values, request.remote_addr,
                                       uploads_from(request.files, services().settings))
            session["tracking_code"] = result["tracking_code"]
            session["tracking_process"] = result["process_name"]
            session["tracking_commune"] = next((c["name"] for c in communes if c["code"] == commune), "")
            return redirect(url_for("web.public_submitted"))
        except InvalidInput as exc:
            flash(gettext(exc.message), "error")
            errors, status = exc.details, 422
        except TooManyAttempts as exc:
            flash(gettext(exc.message), "error")
            status, retry = 429, exc.retry_after
    return page_response(render_template("public/start.html", process=process, communes=communes, commune=commune,
                                   fields=build_fields(process["form"], values, errors), errors=errors),
                   status, retry)


@bp.route("/cong-dan/da-gui")
def public_submitted():
    code = session.pop("tracking_code", None)
    if code is None:
        return redirect(url_for("web.public_home"))
    return render_template("public/submitted.html", code=code, process_name=session.pop("tracking_process", ""),
                           commune=session.pop("tracking_commune", ""), sent_at=services().clock.now())


@bp.route("/cong-dan/tra-cuu")
def public_track():
    code = request.args.get("ma", "").strip()[:80]
    result, status = None, 200
    if code:
        try:
            result = track_case(services(), code)
        except NotFound:
            status = 404
    return render_template("public/track.html", code=code, result=result, searched=bool(code)), status


@bp.route("/cong-dan/tra-cuu/van-ban/<attachment_id>")
def public_document(attachment_id):
    """A document one of the tracked cases sent the citizen, downloaded with the tracking code (`?ma=`)."""
    try:
        found = download_sent_document(services(), request.args.get("ma", "").strip()[:80], attachment_id[:36])
    except NotFound:
        abort(404)
    return attachment(found["content"], found["media_type"], found["name"])


@bp.route("/cong-dan/tra-cuu/van-ban/<attachment_id>/pdf")
def public_document_pdf(attachment_id):
    """The same document as PDF, where LibreOffice is installed (`engine.files.pdf`)."""
    try:
        found = download_sent_document(services(), request.args.get("ma", "").strip()[:80], attachment_id[:36],
                                       as_pdf=True)
    except NotFound:
        abort(404)
    return attachment(found["content"], found["media_type"], found["name"])


@bp.route("/cong-dan/cong-khai")
def public_board():
    commune = request.args.get("xa") or None
    return render_template("public/board.html", cases=disclosure_board(services(), commune),
                           communes=list_org_units(services(), kind="commune"), commune=commune)


@bp.route("/cong-dan/lay-y-kien")
def public_consultations():
    return render_template("public/consultations.html", cases=open_consultations(services()))


@bp.route("/cong-dan/lay-y-kien/<business_key>", methods=["GET", "POST"])
def public_consultation(business_key):
    case = get_consultation(services(), business_key)
    values, errors, status, retry, sent = {}, {}, 200, None, False
    if request.method == "POST" and case["comments_open"]:
        values = parse_submission(case["comment_form"], request.form)
        try:
            submit_public_comment(services(), business_key, values, request.remote_addr)
            flash(gettext("Cảm ơn bạn đã góp ý. Ý kiến đã được ghi nhận."), "ok")
            return redirect(url_for("web.public_consultation", business_key=business_key))
        except InvalidInput as exc:
            flash(gettext(exc.message), "error")
            errors, status = exc.details, 422
        except TooManyAttempts as exc:
            flash(gettext(exc.message), "error")
            status, retry = 429, exc.retry_after
    return page_response(render_template("public/consultation.html", case=case, sent=sent, errors=errors,
                                   fields=build_fields(case["comment_form"], values, errors)), status, retry)
