"""Routes of the web UI, one module per audience."""
from . import admin, audit, common, moves, notifications, public, reports, session, staff  # noqa: F401
