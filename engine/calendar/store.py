"""The working-day calendar as every process of a deployment sees it: holidays plus the override table.

Administrators edit the override table while servers and workers run, so no process may keep a calendar
another process could have made stale. `StoredCalendar` caches the built `BusinessCalendar` (the holiday
provider is slow) but checks, on every use, one counter row that each edit increments in the same
transaction as the edit: one primary-key read per use, and a rebuild only after a change.

`snapshot()` returns the calendar as of now, for callers that ask many questions in a row (an inbox of 50
tasks asks one version check, not 50).
"""
from __future__ import annotations

import contextvars
import functools
import threading
from contextlib import contextmanager

from sqlalchemy import select

from ..store.tables import CalendarOverrideRow, Counter
from .business_calendar import (
    VIETNAM_OVERRIDES_KNOWN,
    BusinessCalendar,
    CalendarOverride,
    HolidayProvider,
    vietnam_public_holidays,
)

VERSION_COUNTER = "calendar_overrides"


class StoredCalendar:
    """A `BusinessCalendar` whose overrides come from the database, always current."""

    def __init__(self, database, holiday_provider: HolidayProvider = vietnam_public_holidays):
        self._database = database
        self._provider = holiday_provider
        self._lock = threading.Lock()
        self._version: int | None = None
        self._calendar: BusinessCalendar | None = None

    def snapshot(self) -> BusinessCalendar:
        taken = _per_command.get()
        if taken is not None and id(self) in taken:
            return taken[id(self)]
        calendar = self._current()
        if taken is not None:
            taken[id(self)] = calendar
        return calendar

    def at_version(self, version: int | None) -> None:
        """This command's snapshot is the calendar at `version`, the counter a statement of the command read
        along with what it needed anyway (`VERSION_COLUMN`): the command sends no statement of its own for
        the version check. Outside a command, or once its snapshot is taken, nothing changes."""
        taken = _per_command.get()
        if taken is not None and id(self) not in taken:
            taken[id(self)] = self._current(version or 0)

    def _current(self, version: int | None = None) -> BusinessCalendar:
        with self._database.reader.connect() as connection:
            if version is None:
                version = connection.execute(_VERSION).scalar() or 0
            with self._lock:
                if self._calendar is not None and version == self._version:
                    return self._calendar
            rows = connection.execute(select(CalendarOverrideRow.day, CalendarOverrideRow.working,
                                             CalendarOverrideRow.name)).all()
        calendar = BusinessCalendar([CalendarOverride(d, w, n) for d, w, n in rows], self._provider)
        with self._lock:
            self._calendar, self._version = calendar, version
        return calendar

    # The questions of BusinessCalendar, each answered by the current snapshot.
    def holidays(self, year):
        return self.snapshot().holidays(year)

    def is_working_day(self, day):
        return self.snapshot().is_working_day(day)

    def next_working_day(self, day):
        return self.snapshot().next_working_day(day)

    def add_working_days(self, start, days):
        return self.snapshot().add_working_days(start, days)

    def working_days_between(self, start, end):
        return self.snapshot().working_days_between(start, end)

    def deadline(self, start, days, kind):
        return self.snapshot().deadline(start, days, kind)

    def deadline_end(self, start, days, kind, *args, **kwargs):
        return self.snapshot().deadline_end(start, days, kind, *args, **kwargs)


_VERSION = select(Counter.__table__.c.value).where(Counter.__table__.c.name == VERSION_COUNTER)  # every command
VERSION_COLUMN = _VERSION.scalar_subquery().label("calendar_version")
"""The calendar's version as a column of another statement a command sends anyway (its task, its version):
hand it to `calendar_at_version`, and the command's calendar needs no statement of its own."""


def calendar_at_version(calendar, version: int | None) -> None:
    """Take this command's calendar at `version` (read by `VERSION_COLUMN`); a fixed calendar has no version."""
    if hasattr(calendar, "at_version"):
        calendar.at_version(version)


@contextmanager
def one_calendar_per_command():
    """Within one command (unit of work), every question to a `StoredCalendar` is answered by the snapshot
    its first question took: one version check per command instead of one per date computed, and one
    consistent calendar throughout the command."""
    if _per_command.get() is not None:  # a unit of work opened inside another: the outer one's calendar
        yield
        return
    token = _per_command.set({})
    try:
        yield
    finally:
        _per_command.reset(token)


def calendar_per_command(verb):
    """A verb whose statements before its unit of work (validating a form before the lock) read the calendar's
    version: its whole run shares one calendar, as a unit of work's does."""
    @functools.wraps(verb)
    def within(*args, **kwargs):
        with one_calendar_per_command():
            return verb(*args, **kwargs)
    return within


_per_command: contextvars.ContextVar = contextvars.ContextVar("danchu_command_calendar", default=None)


def calendar_snapshot(calendar) -> BusinessCalendar:
    """The calendar to ask many questions of: a fixed `BusinessCalendar` is its own snapshot."""
    return calendar.snapshot() if hasattr(calendar, "snapshot") else calendar


def bump_calendar_version(session) -> None:
    """Tell every process its cached calendar is stale; call in the transaction that edits overrides."""
    query = select(Counter).where(Counter.name == VERSION_COUNTER).with_for_update()
    counter = session.scalars(query).first()
    if counter is None:
        session.add(Counter(name=VERSION_COUNTER, value=1))
    else:
        counter.value += 1


def seed_known_overrides(session, now) -> int:
    """Insert the government decisions danchu ships (`VIETNAM_OVERRIDES_KNOWN`) that are missing."""
    added = 0
    for override in VIETNAM_OVERRIDES_KNOWN:
        if session.get(CalendarOverrideRow, override.day) is None:
            session.add(CalendarOverrideRow(day=override.day, working=override.working, name=override.name,
                                            created_by="system", created_at=now))
            added += 1
    if added:
        bump_calendar_version(session)
    return added
