"""Routes of the web UI, one module per audience."""
from . import admin, audit, common, public, session, staff  # noqa: F401
