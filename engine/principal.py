"""Who is acting: a user with roles inside one commune (or a province, seeing its communes)."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principal:
    username: str
    roles: frozenset[str] = field(default_factory=frozenset)
    commune_id: int | None = None
    unit_id: int | None = None

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)


SYSTEM = Principal("system", frozenset())
