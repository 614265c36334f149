from engine.people import (
    add_unit,
    add_user,
    get_user,
    list_accounts,
    list_units,
    list_users,
    set_password,
    update_user,
)

from ..auth import current_principal, services
from ..blueprint import Blueprint
from ..security_schemas import (
    AccountPage,
    PasswordSet,
    UnitCreate,
    UnitPage,
    UnitSchema,
    UserCreate,
    UserListArgs,
    UserPage,
    UserSchema,
    UserUpdate,
)

blp = Blueprint("users", __name__, url_prefix="/api/v1",
                description="Users, roles and organisation units (administrators, within their scope)")


@blp.route("/users", methods=["GET"])
@blp.arguments(UserListArgs, location="query")
@blp.response(200, UserPage)
def index(args):
    """Users of my scope."""
    items, total = list_users(services(), current_principal(), **args)
    return {"items": items, "total": total}


@blp.route("/users", methods=["POST"])
@blp.arguments(UserCreate)
@blp.response(201, UserSchema)
def create(body):
    """Create a user in a unit of my scope."""
    return add_user(services(), current_principal(), **body)


@blp.route("/users/<string:username>", methods=["GET"])
@blp.response(200, UserSchema)
def show(username):
    """One user of my scope."""
    return get_user(services(), current_principal(), username)


@blp.route("/users/<string:username>", methods=["PATCH"])
@blp.arguments(UserUpdate)
@blp.response(200, UserSchema)
def update(body, username):
    """Change name, roles, unit, or disable (`active: false`, which revokes every token) a user."""
    return update_user(services(), current_principal(), username, **body)


@blp.route("/users/<string:username>/password", methods=["POST"])
@blp.arguments(PasswordSet)
@blp.response(204)
def password(body, username):
    """Set a user's password; every token and session of theirs is revoked."""
    set_password(services(), current_principal(), username, body["password"])
    return "", 204


@blp.route("/units", methods=["GET"])
@blp.response(200, UnitPage)
def units():
    """Organisation units of my scope (province, communes, hamlets)."""
    items = list_units(services(), current_principal())
    return {"items": items, "total": len(items)}


@blp.route("/units", methods=["POST"])
@blp.arguments(UnitCreate)
@blp.response(201, UnitSchema)
def create_unit(body):
    """Create a commune under a province, or a hamlet under a commune, within my scope."""
    return add_unit(services(), current_principal(), **body)


@blp.route("/accounts", methods=["GET"])
@blp.response(200, AccountPage)
def accounts():
    """The active accounts of my commune and its hamlets, with their ids, for a form's account picker (a field
    marked `x-account`, e.g. the denounced person of a denunciation). Any staff member."""
    items = list_accounts(services(), current_principal())
    return {"items": items, "total": len(items)}
