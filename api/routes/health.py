from engine.health import service_health

from ..auth import services
from ..blueprint import Blueprint
from ..schemas import HealthSchema

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Liveness of the service and its database")


@blp.route("/health")
@blp.response(200, HealthSchema)
@blp.alt_response(503, schema=HealthSchema, description="The server cannot reach its database (`status`: down).")
def health():
    """Whether this server can serve (no login needed), for load balancers and alerts: 200 while it reaches its
    database, 503 when it does not. The body also says whether a worker is beating (timers, reminders and
    emails) and whether the email outbox moves: `status` is `degraded` when either waits, still with 200,
    since this server itself can serve. Words only: no count, name or address."""
    found = service_health(services())
    body = {"status": found.status, "database": found.database, "worker": found.worker, "outbox": found.outbox}
    return body, 200 if found.database == "ok" else 503
