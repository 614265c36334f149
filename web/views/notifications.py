"""Staff's notifications in the web UI: the reminders and escalations of their cases (`engine.notifications.outbox`),
which the worker also mails when SMTP is configured; here they are read and marked read."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import ngettext

from engine.notifications import list_notifications, mark_all_read, mark_read

from ..blueprint import bp
from ..session_auth import current_principal, login_required, services
from .common import page_number

PAGE_SIZE = 50


@bp.route("/notifications")
@login_required
def notifications():
    page = page_number()
    items, total, unread = list_notifications(services(), current_principal(), limit=PAGE_SIZE,
                                              offset=(page - 1) * PAGE_SIZE)
    return render_template("notifications.html", items=items, total=total, unread=unread, page=page,
                           pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1))


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def notification_read(notification_id):
    """Mark one read; with `open`, go on to its case (reading a reminder usually means acting on it)."""
    item = mark_read(services(), current_principal(), notification_id)
    if request.form.get("open") and item["instance_id"]:
        return redirect(url_for("web.case", instance_id=item["instance_id"]))
    return redirect(url_for("web.notifications"))


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def notifications_read_all():
    marked = mark_all_read(services(), current_principal())
    flash(ngettext("Đã đánh dấu %(num)d thông báo là đã đọc.", "Đã đánh dấu %(num)d thông báo là đã đọc.", marked), "ok")
    return redirect(url_for("web.notifications"))
