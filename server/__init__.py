"""The server: the one Flask app of both edges (`create_app`), the headers of every response, the access log."""
from .app import create_app

__all__ = ["create_app"]
