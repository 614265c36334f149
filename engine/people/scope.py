"""The commune scope as SQL: what a user may list and count, the same rule as `Principal.sees_commune`.

A case outside the scope does not exist for the user: lists and counts leave it out, a direct id answers
404 exactly as an unknown id does (never 403, which would confirm it exists).
"""
from __future__ import annotations

from sqlalchemy import bindparam, false, select

from ..core.principal import Principal
from ..store.tables import OrgUnit


def scoped(query, principal: Principal, column):
    """`query` restricted to rows whose commune `column` the principal sees."""
    return scoped_by_rule(query, commune_rule(principal), column).params(scope_values(principal))


def scoped_cases(query, principal: Principal, commune_column, handling_column):
    """`query` restricted to the cases the principal sees (`Principal.sees_case`): those of the communes in
    scope, but a commune's user never those moved to a unit above their commune (`handling_column` set)."""
    query = scoped(query, principal, commune_column)
    return query.where(handling_column.is_(None)) if principal.commune_id is not None else query


def scope_values(principal: Principal) -> dict:
    """The values of `scoped_by_rule`'s bound parameters for this principal."""
    return {"communes": sorted(principal.communes or ()), "commune_id": principal.commune_id}


def commune_rule(principal: Principal) -> str:
    """Which form `scoped` takes for this principal, for statements built once per form: "in" (bound
    parameter `communes`), "none", "one" (bound parameter `commune_id`) or "all"."""
    if principal.communes is not None:
        return "in" if principal.communes else "none"
    return "one" if principal.commune_id is not None else "all"


def acting_rule(principal: Principal) -> str:
    """Whose work a user does, for statements built once: "commune" (a commune's or hamlet's user: the tasks of
    cases their commune handles, `handling_unit_id` NULL), "unit" (a province's user: the tasks of cases moved
    to it, bound parameter `acting_unit`) or "any" (a user attached to no unit)."""
    if principal.commune_id is not None:
        return "commune"
    return "unit" if principal.acting_unit is not None else "any"


def scoped_by_rule(query, rule: str, column):
    """`scoped`, with the commune values left as bound parameters."""
    if rule == "in":
        return query.where(column.in_(bindparam("communes", expanding=True)))
    if rule == "none":
        return query.where(false())
    if rule == "one":
        return query.where(column == bindparam("commune_id"))
    return query


def communes_of_unit(session, unit: OrgUnit | None) -> tuple[int | None, frozenset[int] | None]:
    """(the commune a user acts in, the communes they see) for a user of `unit`."""
    if unit is None:
        return None, None
    return unit_scope(unit.id, unit.kind, unit.parent_id, lambda: session.scalars(
        PROVINCE_COMMUNES, {"unit_id": unit.id}))


PROVINCE_COMMUNES = select(OrgUnit.id).where(OrgUnit.parent_id == bindparam("unit_id"), OrgUnit.kind == "commune")


def unit_scope(unit_id: int | None, kind: str | None, parent_id: int | None,
               child_communes) -> tuple[int | None, frozenset[int] | None]:
    """The same, from the unit's columns; `child_communes()` is only called for a province's user."""
    if unit_id is None:
        return None, None
    if kind == "commune":
        return unit_id, frozenset({unit_id})
    if kind == "hamlet":
        return parent_id, frozenset({parent_id})
    return None, frozenset(child_communes())


def units_in_scope(session, principal: Principal) -> list[int] | None:
    """Ids of the organisation units an administrator may manage (None: all)."""
    if principal.communes is None and principal.commune_id is None:
        return None
    ids = set()
    if principal.unit_id is not None:
        unit = session.get(OrgUnit, principal.unit_id)
        if unit is not None and unit.kind == "province":
            ids.add(unit.id)
    communes = principal.communes if principal.communes is not None else frozenset({principal.commune_id})
    ids |= set(communes)
    ids |= set(session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.in_(sorted(communes)))))
    return sorted(ids)
