"""What the outgoing register can hold of a step's document codes (`document.symbol`, `document.issuer`):
checked when a diagram is deployed (`engine.definitions.validation`) and of a reader's filter, so that a code
never fails only when the step completes (`engine.processes.register`)."""
from __future__ import annotations

MAX_CODE = 40  # the register's `symbol` and `issuer` columns


def fits_register(code: str) -> bool:
    """At most 40 characters, no space: "TB-UBND", "MTTQ"."""
    return len(code) <= MAX_CODE and not any(c.isspace() for c in code)
