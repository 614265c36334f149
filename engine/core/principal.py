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

    @property
    def acting_unit(self) -> int | None:
        """The unit whose work this user does: their commune (a hamlet's user too), else their own unit (a
        province); None for a user attached to no unit."""
        return self.commune_id if self.commune_id is not None else self.unit_id

    def sees_case(self, commune_id: int | None, handling_unit_id: int | None) -> bool:
        """Scope of one case: its commune's (`sees_commune`), unless the case moved to a unit above its
        commune (`handling_unit_id`, a denunciation of the commune Chairman handled by the province): then no
        commune user sees it, the province's do."""
        if not self.sees_commune(commune_id):
            return False
        return handling_unit_id is None or self.commune_id is None

    def acts_for(self, handling_unit_id: int | None, commune_id: int | None) -> bool:
        """May this user do the work of a case or task handled by `handling_unit_id` (None: its commune
        `commune_id`)? A commune's people act on their commune's cases, a province's people on the cases
        moved to it (never on a commune's own), a user attached to no unit on any."""
        if self.acting_unit is None:
            return True
        return self.acting_unit == (handling_unit_id if handling_unit_id is not None else commune_id)


SYSTEM = Principal("system", frozenset())
PORTAL_USER = "cong_thong_tin"  # who opens the cases citizens send from the public portal (no login)
RESERVED_USERNAMES = frozenset({SYSTEM.username, PORTAL_USER, "cli", "danchu", "admin", "root", "anonymous"})
"""Names the engine acts under, or that people would read as such: no account may carry one, since a case's
creator reads its confidential values and the log names the actor by username."""
