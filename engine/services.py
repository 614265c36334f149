"""The composition root: one object holding the dependencies every engine verb needs.

`build_services(settings, clock=..., calendar=...)` is the only place that creates them; tests pass a
frozen clock and their own database URL. Nothing here is created at import time.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .calendar import operators as calendar_operators
from .calendar.business_calendar import BusinessCalendar
from .calendar.script_functions import CALENDAR_FUNCTIONS
from .calendar.store import StoredCalendar, one_calendar_per_command
from .cases import operators as case_operators
from .core.clock import Clock, SystemClock
from .core.settings import Settings
from .definitions.spec_cache import VERSIONS_KEY, SpecCache
from .files.storage import BlobStore, open_store
from .notifications import operator as notify_operator
from .people.passwords import Passwords
from .reports import operators as report_operators
from .store.database import Database
from .store.uow import UnitOfWork
from .trust.confidential import CIPHER_KEY
from .trust.field_crypto import FieldCipher, key_from_secret
from .workflow.scripting import install_diagram_services
from .workflow.service_tasks import call_operator, register_operators
from .workflow.spiff_adapter import WorkflowRunner
from .workflow.spiff_logging import keep_case_data_out_of_logs


@dataclass
class Services:
    settings: Settings
    database: Database
    clock: Clock
    calendar: BusinessCalendar | StoredCalendar
    specs: SpecCache
    runner: WorkflowRunner
    cipher: FieldCipher | None = None
    passwords: Passwords = field(default_factory=Passwords)
    files: BlobStore | None = None  # where attachments' bytes are stored (engine.files.storage)

    def uow(self, write: bool = True, *, snapshot: bool = True) -> UnitOfWork:
        """`snapshot=False` (reads only): no transaction around the statements, each seeing the database as it
        runs; for the hot reads whose statements stand alone (`engine.store.database`)."""
        return UnitOfWork(self.database, write=write, snapshot=snapshot,
                          info={CIPHER_KEY: self.cipher, VERSIONS_KEY: self.specs}, scope=one_calendar_per_command)

    def start_server_housekeeping(self) -> None:
        """What a long-running server process does beside its requests: on SQLite, the WAL checkpoints that
        would otherwise run inside some person's commit (`engine.store.wal_checkpoints`). Stopped by `close`."""
        self.database.checkpoint_in_background()

    def close(self) -> None:
        self.database.dispose()


def wire_engine() -> None:
    """Give diagrams what they may call: the service-task operators, registered here by name, and the calendar
    functions of expressions and scripts with the caller of service tasks, handed to the script engine. They
    import the engine's verbs, so nothing below this composition root imports them. Idempotent."""
    for operators in (calendar_operators.OPERATORS, case_operators.OPERATORS, notify_operator.OPERATORS,
                      report_operators.OPERATORS):
        register_operators(operators)
    install_diagram_services(CALENDAR_FUNCTIONS, call_operator)
    keep_case_data_out_of_logs()


def build_services(settings: Settings, *, clock: Clock | None = None,
                   calendar: BusinessCalendar | None = None) -> Services:
    """Without a `calendar`, the calendar reads the override table of the database (`StoredCalendar`)."""
    wire_engine()
    database = Database(settings.database_url, pool_size=settings.db_pool_size)
    clock = clock or SystemClock()
    return Services(
        settings=settings,
        database=database,
        clock=clock,
        calendar=calendar or StoredCalendar(database),
        specs=SpecCache(),
        runner=WorkflowRunner(settings.script_timeout_seconds, clock=clock,
                              budget_seconds=settings.eval_budget_seconds),
        cipher=FieldCipher(settings.field_keys or (key_from_secret(settings.secret_key),)),
        passwords=Passwords(settings.password_time_cost, settings.password_memory_kib),
        files=open_store(settings),
    )
