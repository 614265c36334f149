"""The tables of recurring work: each commune's schedules, and the periods the worker opened a case for.

Kept beside `tables.py` (same `Base`), imported by the package so every reader of the model sees them.
"""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .column_types import UtcDateTime
from .tables import Base


class RecurringSchedule(Base):
    """A commune's schedule of one kind of recurring work, kept by its administrator: the Chairman's reception
    days (`weekdays`, ISO numbers 1-7 joined by commas, and `start_time` HH:MM) or the yearly dialogue
    conference (`month`, `day`: when the worker opens the year's case)."""

    __tablename__ = "recurring_schedules"
    __table_args__ = (UniqueConstraint("commune_id", "kind", name="uq_recurring_schedules_commune_kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    kind: Mapped[str] = mapped_column(String(40))
    weekdays: Mapped[str] = mapped_column(String(20), default="")
    start_time: Mapped[str] = mapped_column(String(5), default="")
    month: Mapped[int | None] = mapped_column(Integer)
    day: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ScheduledOpening(Base):
    """One period of a schedule for which a case was opened. The unique key (commune, kind, period) is what
    keeps several workers from opening the same period twice: the second insert fails and rolls back."""

    __tablename__ = "scheduled_openings"
    __table_args__ = (UniqueConstraint("commune_id", "kind", "period", name="uq_scheduled_openings_period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    kind: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(20))
    instance_id: Mapped[str] = mapped_column(ForeignKey("instances.id"))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
