"""What runs beside the servers: firing due timers, sending mail, the polling loop.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .loop import poll_once, run_worker

__all__ = ["poll_once", "run_worker"]
