"""Accounts, units and their scope, logging in and its throttle, passwords, the directory.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .accounts import (
    add_unit,
    add_user,
    change_own_password,
    describe_user,
    get_user,
    list_units,
    list_users,
    set_password,
    update_user,
)
from .directory import full_name, full_names, list_accounts, list_org_units
from .login import log_in
from .user_email import set_user_email
from .users import create_user, issue_token, principal_from_token, revoke_tokens

__all__ = ["add_unit", "add_user", "change_own_password", "create_user", "describe_user", "full_name", "full_names",
    "get_user", "issue_token", "list_accounts", "list_org_units", "list_units", "list_users", "log_in", "principal_from_token",
    "revoke_tokens", "set_password", "set_user_email", "update_user"]
