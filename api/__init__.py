"""danchu's HTTP edge: Flask + marshmallow. Parses, calls one engine verb, shapes the response."""
from .app import create_app

__all__ = ["create_app"]
