"""Fixtures of the trust tests (defined in helpers.py)."""
from .helpers import tight  # noqa: F401 - the API with a small evaluation budget
