"""`danchu.count_days`: how many calendar or working days separate two dates, for diagrams.

The restricted evaluator has no dates and no calendar, yet several rules of the grassroots-democracy law
are checks on a span between two dates the staff enter: an inspection plan must reach the inspected party
at least 5 working days before the inspection (Decree 59/2023 Art. 14), a draft must be posted 30 days
before the vote, a draft must reach the Front 15 days before it is submitted. A service task asks the
engine, which has the commune's working-day calendar (holidays and the yearly overrides included).

Params (each a restricted expression): `start`, `end` (ISO dates `YYYY-MM-DD`), `kind` (`calendar`, the
default, or `working`). The result counts like a deadline: the days after `start` up to and including
`end` (only working ones for `working`), negative when `end` is before `start`. So a plan sent on
`start` is "at least 5 working days before" an inspection on `end` exactly when the result is >= 5.
"""
from datetime import date

from ..core.errors import InvalidInput
from ..workflow.service_tasks import ServiceContext
from .business_calendar import CALENDAR_DAYS, DAY_KINDS


def count_days(context: ServiceContext, params: dict) -> int:
    kind = params.get("kind") or CALENDAR_DAYS
    if kind not in DAY_KINDS:
        raise InvalidInput("count_days needs kind 'calendar' or 'working'")
    start, end = _as_date(params.get("start")), _as_date(params.get("end"))
    if kind == CALENDAR_DAYS:
        return (end - start).days
    return context.services.calendar.working_days_between(start, end)


def _as_date(value) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InvalidInput("count_days needs ISO dates (YYYY-MM-DD)") from None


OPERATORS = {"danchu.count_days": count_days}  # registered by engine.services
