"""Who is acting: a user with roles inside one commune (or a province, seeing its communes)."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principal:
    username: str
    roles: frozenset[str] = field(default_factory=frozenset)
    commune_id: int | None = None
    unit_id: int | None = None
    communes: frozenset[int] | None = None  # the communes in scope; None: unrestricted (no unit)

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)

    def sees_commune(self, commune_id: int | None) -> bool:
        """Scope of cases: a commune user their commune, a province user the communes under it."""
        if self.communes is not None:
            return commune_id in self.communes
        return self.commune_id is None or commune_id == self.commune_id


SYSTEM = Principal("system", frozenset())
PORTAL_USER = "cong_thong_tin"  # who opens the cases citizens send from the public portal (no login)
RESERVED_USERNAMES = frozenset({SYSTEM.username, PORTAL_USER, "cli", "danchu", "admin", "root", "anonymous"})
"""Names the engine acts under, or that people would read as such: no account may carry one, since a case's
creator reads its confidential values and the log names the actor by username."""
