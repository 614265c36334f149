"""Workload 6: memory (RSS, from /proc) of every server process after load, and of timer workers."""
from __future__ import annotations

from .report import print_table
from .servers import rss_mib


def server_memory(servers) -> dict:
    processes = []
    for index, server in enumerate(servers):
        processes.append({"server": index, "role": "gunicorn master", "pid": server.master_pid,
                          "rss_mib": rss_mib(server.master_pid)})
        for pid in server.worker_pids():
            processes.append({"server": index, "role": "gunicorn worker", "pid": pid, "rss_mib": rss_mib(pid)})
    return {"processes": processes}


def report(memory_by_database: dict, worker_memory: dict | None) -> dict:
    rows = []
    for database, memory in memory_by_database.items():
        for p in memory["processes"]:
            rows.append([database, p["role"], p["server"], p["rss_mib"]])
    if worker_memory and worker_memory.get("processes"):
        for p in worker_memory["processes"]:
            rows.append([p.get("database", ""), "danchu worker", p.get("index", 0), p["rss_mib"]])
    else:
        rows.append(["-", "danchu worker", "-", "not measured (workload 5 not run)"])
    print_table("6. Memory per process after load (RSS)", ["database", "process", "server", "RSS MiB"], rows)
    return {"servers": memory_by_database, "workers": worker_memory or "not measured"}
