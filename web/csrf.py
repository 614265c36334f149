"""The web pages' CSRF protection (Flask-WTF): one object, initialised on the app by `register_web`."""
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
