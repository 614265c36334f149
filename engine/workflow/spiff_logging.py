"""SpiffWorkflow's loggers kept from writing case data into logs.

SpiffWorkflow adds a task's whole data (and its internal data) to every state-change line when its logger's
own level is below INFO, and a logger whose level was never set has level 0: so with the root logger at INFO,
each step would write the citizen's name, address and identity number into the server's log (seen in
`tests/operations/test_logs.py`). danchu keeps its own history in the audit log; SpiffWorkflow's state
changes are noise there anyway. So its loggers are set to WARNING, explicitly, before any case runs."""
from __future__ import annotations

import logging

SPIFF_LOGGERS = ("spiff", "spiff.task", "spiff.workflow", "spiff.data", "spiff.dmn")


def keep_case_data_out_of_logs() -> None:
    for name in SPIFF_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
