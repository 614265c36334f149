"""Configuration of one danchu deployment, read once by the composition root."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///var/danchu.db"
    secret_key: str = field(default="", repr=False)
    demo_mode: bool = False
    token_ttl_seconds: int = 8 * 3600
    script_timeout_seconds: float = 2.0
    # What one request may spend evaluating: validating a form, running the diagram's steps of one command
    # (scripts, conditions, timers together), rendering a task's instructions. Each is cut past it.
    eval_budget_seconds: float = 5.0
    max_upload_bytes: int = 2 * 1024 * 1024
    timezone: str = "Asia/Ho_Chi_Minh"
    db_pool_size: int = 5
    # Argon2 cost; None keeps argon2-cffi's RFC 9106 defaults (production). Tests lower it.
    password_time_cost: int | None = None
    password_memory_kib: int | None = None
    # Notifications by email: off while smtp_host is empty. The worker sends them, retrying with backoff.
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_from: str = "danchu@localhost"
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0
    public_url: str = "http://127.0.0.1:5000"
    worker_poll_seconds: float = 1.0
    # The health check (engine/health.py): no worker heartbeat for this long means timers and emails wait; an
    # email due this long ago and not yet sent means the outbox is stuck (the mail server, or no worker).
    worker_late_seconds: int = 120
    outbox_late_seconds: int = 900
    field_keys: tuple[str, ...] = field(default=(), repr=False)  # Fernet keys; the first encrypts
    # Login throttling (engine/login.py, docs/security.md): over a sliding window, each failure from an address
    # doubles the wait before its next attempt (from login_address_delay_seconds, 0: no delay) up to the window,
    # and an address fails at most login_failures_per_address times; an account fails at most
    # login_failures_per_account times from addresses it was not used from in the last login_known_address_days.
    login_window_seconds: int = 15 * 60
    login_failures_per_account: int = 5
    login_failures_per_address: int = 20
    login_address_delay_seconds: int = 1
    login_known_address_days: int = 30
    # Letters and comments one address may send from the public portal per window (0: no limit). Generous:
    # behind a mobile carrier's shared address many citizens arrive from one.
    portal_window_seconds: int = 3600
    portal_submissions_per_address: int = 30
    # Session cookies (web UI and API) sent over HTTPS only. None follows the mode: Secure, except in demo mode
    # (plain HTTP on 127.0.0.1); False only for plain-HTTP development (`DANCHU_COOKIE_SECURE=0`).
    cookie_secure: bool | None = None
    # Where the command line keeps the demo's generated keys (and `make run` its SQLite database).
    var_dir: str = "var"
    # Who may scrape /metrics: with a token, whoever sends it as a bearer token; without, the loopback only.
    metrics_token: str = field(default="", repr=False)
    # Attachments (engine/files, docs/operations.md): stored content-addressed in a folder (default
    # `<var_dir>/files`) or, for several servers, an S3-compatible bucket (`s3://bucket/prefix`, with
    # `s3_endpoint_url` for a store other than AWS; credentials from boto3's usual environment variables).
    files_dir: str = ""
    file_store_url: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    attachment_max_bytes: int = 10 * 1024 * 1024  # one file
    case_attachments_max_bytes: int = 100 * 1024 * 1024  # every file of one case together
    attachment_request_max_bytes: int = 40 * 1024 * 1024  # one multipart request (several files)
    # A generated Word document also downloadable as PDF where LibreOffice is installed (engine/files/pdf.py):
    # the `soffice` command (found on the PATH; empty: no PDF), and how long one conversion may take.
    soffice: str = "soffice"
    pdf_timeout_seconds: float = 60.0

    @property
    def secure_cookies(self) -> bool:
        """The one rule both session cookies follow."""
        return (not self.demo_mode) if self.cookie_secure is None else self.cookie_secure

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Read `DANCHU_*` variables; explicit overrides win. The secret has no usable default in production."""
        env = os.environ
        values = dict(
            database_url=env.get("DANCHU_DATABASE_URL", cls.database_url),
            secret_key=env.get("DANCHU_SECRET_KEY", ""),
            demo_mode=env.get("DANCHU_DEMO", "0") in ("1", "true", "yes"),
            token_ttl_seconds=int(env.get("DANCHU_TOKEN_TTL", cls.token_ttl_seconds)),
            smtp_host=env.get("DANCHU_SMTP_HOST", ""),
            smtp_port=int(env.get("DANCHU_SMTP_PORT", cls.smtp_port)),
            smtp_user=env.get("DANCHU_SMTP_USER", ""),
            smtp_password=env.get("DANCHU_SMTP_PASSWORD", ""),
            smtp_from=env.get("DANCHU_SMTP_FROM", cls.smtp_from),
            smtp_starttls=env.get("DANCHU_SMTP_STARTTLS", "0") in ("1", "true", "yes"),
            public_url=env.get("DANCHU_PUBLIC_URL", cls.public_url),
            worker_poll_seconds=float(env.get("DANCHU_WORKER_POLL", cls.worker_poll_seconds)),
            worker_late_seconds=int(env.get("DANCHU_WORKER_LATE", cls.worker_late_seconds)),
            outbox_late_seconds=int(env.get("DANCHU_OUTBOX_LATE", cls.outbox_late_seconds)),
            field_keys=tuple(k.strip() for k in env.get("DANCHU_FIELD_KEYS", "").split(",") if k.strip()),
            cookie_secure=_flag(env.get("DANCHU_COOKIE_SECURE", env.get("DANCHU_SECURE_COOKIES"))),
            portal_submissions_per_address=int(env.get("DANCHU_PORTAL_LIMIT", cls.portal_submissions_per_address)),
            login_window_seconds=int(env.get("DANCHU_LOGIN_WINDOW", cls.login_window_seconds)),
            login_failures_per_account=int(env.get("DANCHU_LOGIN_ACCOUNT_LIMIT", cls.login_failures_per_account)),
            login_failures_per_address=int(env.get("DANCHU_LOGIN_ADDRESS_LIMIT", cls.login_failures_per_address)),
            login_address_delay_seconds=int(env.get("DANCHU_LOGIN_ADDRESS_DELAY", cls.login_address_delay_seconds)),
            login_known_address_days=int(env.get("DANCHU_LOGIN_KNOWN_DAYS", cls.login_known_address_days)),
            eval_budget_seconds=float(env.get("DANCHU_EVAL_BUDGET_SECONDS", cls.eval_budget_seconds)),
            var_dir=env.get("DANCHU_VAR", cls.var_dir),
            metrics_token=env.get("DANCHU_METRICS_TOKEN", ""),
            files_dir=env.get("DANCHU_FILES_DIR", ""),
            file_store_url=env.get("DANCHU_FILE_STORE", ""),
            s3_endpoint_url=env.get("DANCHU_S3_ENDPOINT", ""),
            s3_region=env.get("DANCHU_S3_REGION", ""),
            attachment_max_bytes=int(env.get("DANCHU_ATTACHMENT_MAX_BYTES", cls.attachment_max_bytes)),
            case_attachments_max_bytes=int(env.get("DANCHU_CASE_ATTACHMENTS_MAX_BYTES",
                                                   cls.case_attachments_max_bytes)),
            attachment_request_max_bytes=int(env.get("DANCHU_ATTACHMENT_REQUEST_MAX_BYTES",
                                                     cls.attachment_request_max_bytes)),
            soffice=env.get("DANCHU_SOFFICE", cls.soffice),
            pdf_timeout_seconds=float(env.get("DANCHU_PDF_TIMEOUT_SECONDS", cls.pdf_timeout_seconds)),
        )
        values.update(overrides)
        return cls(**values)


def _flag(value: str | None) -> bool | None:
    """An explicit yes or no from the environment; None when unset (the default applies)."""
    if value is None or not value.strip():
        return None
    return value.strip().lower() not in ("0", "false", "no", "off")
