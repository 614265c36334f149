from flask_smorest import Blueprint

from engine.users import authenticate, issue_token

from ..auth import services
from ..schemas import TokenRequest, TokenResponse

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Log in and get a bearer token")


@blp.route("/token", methods=["POST"])
@blp.arguments(TokenRequest)
@blp.response(200, TokenResponse)
def token(body):
    """Exchange a username and password for an access token."""
    principal = authenticate(services(), body["username"], body["password"])
    access_token, expires = issue_token(services(), principal)
    return {"access_token": access_token, "token_type": "Bearer", "expires_at": expires}
