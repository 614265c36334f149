"""Routes of the web UI, one module per audience."""
from . import (  # noqa: F401
    admin, audit, common, modeler, moves, notifications, overview, public, register, reports, reviews, schedules, session,
    staff)
