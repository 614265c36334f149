"""The Chairman's overview: running cases overdue and due this week, by process and by hamlet, with a chart
drawn on the server (an SVG of plain shapes: nothing to load, nothing the Content-Security-Policy refuses)."""
from __future__ import annotations

from flask import render_template

from engine.cases import case_overview

from ..blueprint import bp
from ..session_auth import current_principal, login_required, services

CHART_WIDTH = 600  # the SVG's own units; it scales to the page
BAR_HEIGHT = 22
LABEL_WIDTH = 0  # labels sit above each bar, so that long process names fit on a phone


@bp.route("/overview")
@login_required
def overview():
    """Any staff member may look: it counts only the cases they see anyway; the menu offers it to the
    commune's leaders and to auditors."""
    summary = case_overview(services(), current_principal())
    return render_template("overview.html", summary=summary, chart=_chart(summary["by_process"]))


def _chart(lines: list[dict]) -> dict:
    """Bars of each line, in SVG units: overdue, due this week, the other running cases, side by side."""
    largest = max((line["running"] for line in lines), default=0) or 1
    scale = CHART_WIDTH / largest
    bars = []
    for index, line in enumerate(lines):
        overdue, week = line["overdue"] * scale, line["this_week"] * scale
        rest = (line["running"] - line["overdue"] - line["this_week"]) * scale
        bars.append({"line": line, "y": index * (BAR_HEIGHT * 2 + 8) + 16, "overdue": overdue, "week": week,
                     "rest": rest})
    return {"width": CHART_WIDTH, "height": len(lines) * (BAR_HEIGHT * 2 + 8) + 8, "bar": BAR_HEIGHT,
            "bars": bars}
