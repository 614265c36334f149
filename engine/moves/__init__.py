"""Moving running cases to another version of their process: the dry run, the move, the report.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .moving import MAX_CASES, move_cases
from .reasons import DEADLINE_ACTIONS, REASONS

__all__ = ["DEADLINE_ACTIONS", "MAX_CASES", "REASONS", "move_cases"]
