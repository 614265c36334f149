from engine.health import check_database

from ..auth import services
from ..blueprint import Blueprint
from ..schemas import HealthSchema

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Liveness of the service and its database")


@blp.route("/health")
@blp.response(200, HealthSchema)
def health():
    """Service and database status (no login needed)."""
    return {"status": "ok", "database": check_database(services())}
