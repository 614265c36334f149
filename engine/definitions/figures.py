"""Figures a process declares for the periodic reports: the declarations and their deploy-time check.

A report counts things only the diagram knows: a complaint was accepted, a supervision's recommendations were
all answered, a consultation took in so many comments. Reading them out of every serialized workflow would be
slow and fragile, so a process declares them as properties, each a restricted expression over the case data
giving an integer (a boolean counts as 0 or 1):

    <spiffworkflow:property name="figure.thu_ly" value="1 if ket_qua_thu_ly == 'thu_ly' else 0"/>
    <spiffworkflow:property name="figure.kien_nghi_da_tra_loi" value="so_kien_nghi if tra_loi_day_du else 0"/>

After every step each expression is evaluated and kept in the `case_figures` read model
(`engine.cases.figures`).
"""
from __future__ import annotations

import re

from ..workflow.scripting_checks import expression_problems

PREFIX = "figure."
NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_VALUE = 10 ** 12


def declared_figures(properties: dict) -> dict[str, str]:
    """`{name: expression}` of the `figure.<name>` properties of a process version."""
    return {key[len(PREFIX):]: value for key, value in properties.items() if key.startswith(PREFIX)}


def figure_problems(properties: dict) -> list[str]:
    """Deploy-time check of the declarations: snake_case names, expressions the evaluator accepts."""
    problems = []
    for name, expression in declared_figures(properties).items():
        if not NAME.match(name):
            problems.append(f"figure.{name[:40]}: tên số liệu phải viết thường, không dấu, dạng snake_case.")
        for message in expression_problems(expression or ""):
            problems.append(f"figure.{name[:40]}: {message}")
    return problems
