"""The public portal: letters citizens send without an account, tracking codes, the disclosure board,
consultations.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .public import (
    disclosure_board,
    get_consultation,
    open_consultations,
    public_process,
    public_processes,
    start_public_case,
    submit_public_comment,
)
from .tracking import download_sent_document, outcome_label, track_case

__all__ = ["disclosure_board", "download_sent_document", "get_consultation", "open_consultations", "outcome_label", "public_process",
    "public_processes", "start_public_case", "submit_public_comment", "track_case"]
