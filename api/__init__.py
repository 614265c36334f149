"""danchu's API edge: Flask + marshmallow (flask-smorest). Parses, calls one engine verb, shapes the response."""
from .registration import register_api

__all__ = ["register_api"]
