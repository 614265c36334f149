"""Moving running cases to another version of their process: the dry run, the move, the report.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .moving import MAX_CASES, move_cases
from .reasons import CHANGES, DEADLINE_ACTIONS, REASONS, change_words

__all__ = ["CHANGES", "DEADLINE_ACTIONS", "MAX_CASES", "REASONS", "change_words", "move_cases"]
