from engine.notifications import list_notifications, mark_all_read, mark_read

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..schemas import NotificationArgs, NotificationPage, NotificationSchema, ReadAllSchema

blp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications",
                description="My notifications: reminders and escalations of the cases I work on")


@blp.route("", methods=["GET"])
@blp.arguments(NotificationArgs, location="query")
@blp.response(200, NotificationPage)
def index(args):
    """My notifications, newest first (`unread=true` for the unread ones); `unread` counts the unread."""
    items, total, unread = list_notifications(services(), current_principal(), **args)
    return {"items": items, "total": total, "unread": unread}


@blp.route("/<int:notification_id>/read", methods=["POST"])
@blp.response(200, NotificationSchema)
def read(notification_id):
    """Mark one of my notifications read."""
    return mark_read(services(), current_principal(), notification_id)


@blp.route("/read-all", methods=["POST"])
@blp.response(200, ReadAllSchema)
def read_all():
    """Mark all my notifications read."""
    return {"marked": mark_all_read(services(), current_principal())}
