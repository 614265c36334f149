"""Routes of the web UI, one module per audience."""
from . import admin, audit, common, modeler, moves, notifications, public, reports, session, staff  # noqa: F401
