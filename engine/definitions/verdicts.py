"""The restricted evaluator's verdict on one text of a diagram, by kind: the one sandbox both judges use.

Deploy-time validation asks it for every script, condition, timer and deadline expression of a diagram
(`engine.definitions.lint`); the modeler asks the server for the texts the administrator is typing
(`POST /admin/processes/sandbox-verdicts`), so that what bpmnlint shows in the browser is exactly what
deploy will say, without a second evaluator in JavaScript.
"""
from __future__ import annotations

from ..workflow.scripting_checks import expression_problems, script_problems, timer_expression_problems
from .deadline_validation import calendar_call_problems

KINDS = {
    "expression": expression_problems,  # a gateway condition, a deadline, a service-task parameter
    "script": script_problems,  # a script task, a pre- or post-script
    "timer": timer_expression_problems,  # a timer's duration, date or cycle
    "calendar": calendar_call_problems,  # `han_cuoi`/`nhac_truoc_han` called with a kind of days they know
}
MAX_TEXT = 100_000  # longer than any script a diagram may carry (the package is 2 MB at most)


def verdict(kind: str, text: str) -> list[str]:
    """The problems of `text` read as `kind` (one of `KINDS`); empty when the evaluator accepts it."""
    return list(KINDS[kind](text or ""))
