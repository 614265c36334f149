"""Routes of the web UI, one module per audience."""
from . import admin, audit, common, modeler, moves, notifications, overview, public, reports, session, staff  # noqa: F401,E501
