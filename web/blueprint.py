"""The one blueprint of the web UI; view modules attach their routes to it."""
from flask import Blueprint

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static", static_url_path="/ui/static")
