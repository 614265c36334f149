"""The `danchu` command: serve, migrate, deploy diagrams, manage users, load demo data."""
from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import click
from gunicorn.app.base import BaseApplication

from engine.calendar import compute_deadline, delete_override, list_holidays, list_overrides, put_override
from engine.cases import check_consistency
from engine.core import SYSTEM, DanchuError, InvalidProcessModel
from engine.definitions import load_package
from engine.demo import create_demo_data, deploy_directory
from engine.people import create_user, set_user_email
from engine.processes import deploy_process_version
from engine.services import build_services
from engine.store import upgrade
from engine.worker import poll_once, run_worker
from server import create_app

from . import backup, trust
from .observability import WorkerMetrics, configure_logging, ensure_multiprocess_metrics, worker_exited
from .settings import load_settings

HEARTBEAT_DIR = "/dev/shm"  # memory-backed: gunicorn workers touch their heartbeat file on every loop


@click.group()
def main():
    """danchu: grassroots-democracy processes of a commune, on BPMN."""

@main.group()
def db():
    """Database schema."""

@db.command("upgrade")
def db_upgrade():
    """Create or migrate the schema to the latest revision."""
    settings = load_settings()
    upgrade(settings.database_url)
    click.echo("database at the latest revision")


@db.command("check")
def db_check():
    """Check that every case's workflow, task rows and audit log agree (after a crash, or any time)."""
    services = build_services(load_settings())
    try:
        report = check_consistency(services)
    finally:
        services.close()
    click.echo(f"{report.cases} cases, {report.task_rows} task rows: {len(report.partial)} partial, "
               f"{len(report.duplicated)} completed twice, {len(report.stuck)} stuck")
    for label, ids in (("partial task", report.partial), ("completed twice", report.duplicated),
                       ("stuck case", report.stuck)):
        for item in ids:
            click.echo(f"  {label}: {item}", err=True)
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def deploy(paths):
    """Validate and deploy BPMN diagrams (files, or folders of .bpmn files)."""
    services = build_services(load_settings())
    failed = False
    for path in paths:
        try:
            if path.is_dir():
                for model, version, created in deploy_directory(services, path):
                    click.echo(f"{model} v{version} {'deployed' if created else 'unchanged'}")
            else:
                deployment = deploy_process_version(services, SYSTEM, load_package(path))
                v = deployment.version
                click.echo(f"{v.process_model_id} v{v.version} {'deployed' if deployment.created else 'unchanged'}")
        except InvalidProcessModel as exc:
            failed = True
            click.echo(f"{path}: {exc.message}", err=True)
            for problem in exc.problems:
                click.echo(f"  - {problem['element']}: {problem['message']}", err=True)
        except DanchuError as exc:
            failed = True
            click.echo(f"{path}: {exc.message}", err=True)
    if failed:
        sys.exit(1)


@main.group()
def users():
    """User accounts."""

@users.command("create")
@click.option("--username", required=True)
@click.option("--full-name", required=True)
@click.option("--role", "roles", multiple=True, required=True, help="Role code; repeat for several")
@click.option("--unit", default=None, help="Organisation unit code (commune or hamlet)")
@click.option("--email", default=None, help="Address for notifications (optional)")
@click.password_option()
def users_create(username, full_name, roles, unit, email, password):
    """Create a user with one or more roles."""
    services = build_services(load_settings())
    try:
        create_user(services, username=username, password=password, full_name=full_name, roles=list(roles),
                    unit_code=unit)
        if email:
            set_user_email(services, username, email)
    except DanchuError as exc:
        raise click.ClickException(f"{exc.message} {exc.details}") from None
    click.echo(f"created {username}")


@users.command("set-email")
@click.argument("username")
@click.argument("email", required=False, default="")
def users_set_email(username, email):
    """Set (or, without EMAIL, clear) the address a user's notifications are mailed to."""
    services = build_services(load_settings())
    try:
        set_user_email(services, username, email or None)
    except DanchuError as exc:
        raise click.ClickException(f"{exc.message} {exc.details}") from None
    click.echo(f"{username}: {email or 'no email'}")


@main.command()
@click.option("--bpmn-dir", default="bpmn", type=click.Path(path_type=Path))
def demo(bpmn_dir):
    """Create the demo commune and users, and deploy every diagram of the library."""
    services = build_services(load_settings())
    created = create_demo_data(services)
    for model, version, was_created in deploy_directory(services, bpmn_dir):
        click.echo(f"{model} v{version} {'deployed' if was_created else 'unchanged'}")
    click.echo(f"demo users created: {', '.join(created) or 'none (already there)'}")


@main.command()
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--workers", default=2, type=int)
@click.option("--log-format", type=click.Choice(["json", "text"]), default="json", show_default=True)
def serve(host, port, workers, log_format):
    """Serve the API and web UI with gunicorn (JSON log lines, Prometheus figures at /metrics)."""

    settings = load_settings()
    if not settings.field_keys and not settings.demo_mode:
        raise click.ClickException("DANCHU_FIELD_KEYS must be set (`danchu keys generate`) outside the demo.")
    if ensure_multiprocess_metrics(settings.var_dir):
        os.execv(sys.executable, [sys.executable, "-m", "cli", *sys.argv[1:]])
    configure_logging(log_format)

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", 4)
            if log_format == "text":  # JSON: danchu's own line per request (server.request_log) replaces it
                self.cfg.set("accesslog", "-")
                self.cfg.set("logger_class", "server.access_log.AccessLogger")  # paths without query strings
            self.cfg.set("child_exit", worker_exited)
            if os.path.isdir(HEARTBEAT_DIR):  # gunicorn's advice: a heartbeat on disk can stall a worker
                self.cfg.set("worker_tmp_dir", HEARTBEAT_DIR)

        def load(self):  # in each worker, after the fork: its housekeeping thread is its own
            app = create_app(settings)
            app.extensions["danchu"].start_server_housekeeping()
            return app

    Server().run()


@main.group()
def calendar():
    """Working days, holidays, legal deadlines and the override table."""

@calendar.command("deadline")
@click.option("--start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD (not counted)")
@click.option("--days", required=True, type=click.IntRange(0, 3650))
@click.option("--kind", type=click.Choice(["calendar", "working"]), default="calendar", show_default=True)
def calendar_deadline(start, days, kind):
    """Print the last day of a period of DAYS days after START (Civil Code counting)."""
    result = compute_deadline(build_services(load_settings()), start.date(), days, kind)
    click.echo(result["due"].isoformat())


@calendar.command("holidays")
@click.option("--year", required=True, type=click.IntRange(1900, 2200))
def calendar_holidays(year):
    """List the days off (and worked rest days) of YEAR."""
    for item in list_holidays(build_services(load_settings()), year):
        label = "làm việc" if item["working"] else "nghỉ"
        click.echo(f"{item['day'].isoformat()}\t{label}\t{item['source']}\t{item['name']}")


@calendar.group("overrides")
def calendar_overrides():
    """The government's decisions on particular days (administrators)."""

@calendar_overrides.command("list")
@click.option("--year", type=click.IntRange(1900, 2200), default=None)
def overrides_list(year):
    """List the override table."""
    for row in list_overrides(build_services(load_settings()), year):
        label = "làm việc" if row["working"] else "nghỉ"
        click.echo(f"{row['day'].isoformat()}\t{label}\t{row['name']}")


@calendar_overrides.command("set")
@click.argument("day", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--working/--day-off", required=True, help="The day becomes a working day, or a day off")
@click.option("--name", required=True, help="The decision, e.g. 'Nghỉ bù theo Thông báo 123/TB-VPCP'")
def overrides_set(day, working, name):
    """Record the decision for DAY (replaces an earlier one)."""
    try:
        _, created = put_override(build_services(load_settings()), SYSTEM, day.date(), working, name)
    except DanchuError as exc:
        raise click.ClickException(f"{exc.message} {exc.details}") from None
    click.echo(f"{day.date().isoformat()} {'added' if created else 'replaced'}")


@calendar_overrides.command("delete")
@click.argument("day", type=click.DateTime(formats=["%Y-%m-%d"]))
def overrides_delete(day):
    """Remove the decision for DAY."""
    try:
        delete_override(build_services(load_settings()), SYSTEM, day.date())
    except DanchuError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"{day.date().isoformat()} deleted")


@main.command()
@click.option("--poll", "poll_seconds", type=click.FloatRange(0.05, 60), default=None,
              help="Seconds between polls when idle (default DANCHU_WORKER_POLL or 1)")
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, help="Timers and emails per round")
@click.option("--once", is_flag=True, help="Run one round and exit (cron, tests)")
@click.option("--log-format", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--metrics-port", type=click.IntRange(0, 65535), default=0,
              help="Serve the worker's Prometheus figures on this port (0: not at all)")
@click.option("--metrics-host", default="127.0.0.1", show_default=True)
def worker(poll_seconds, limit, once, log_format, metrics_port, metrics_host):
    """Fire due timers and send queued emails; run one or more next to the servers."""

    configure_logging(log_format)
    settings = load_settings()
    services = build_services(settings)
    if once:
        result = poll_once(services, limit)
        click.echo(f"opened {result.cases_opened} scheduled case(s), fired {result.timers_fired} timer(s), "
                   f"sent {result.emails_sent} email(s)")
        return
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    metrics = WorkerMetrics(services)
    if metrics_port:
        metrics.serve(metrics_host, metrics_port)
    click.echo(f"danchu worker polling every {poll_seconds or settings.worker_poll_seconds:g} s")
    run_worker(services, poll_seconds=poll_seconds or settings.worker_poll_seconds, limit=limit, stop=stop,
               observe=metrics.observe)


trust.register(main, users)
backup.register(main)
