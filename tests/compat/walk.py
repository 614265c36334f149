"""Walking a saved scenario through HTTP, and what is observed after each step.

A scenario is data (JSON): steps people take (open a case, claim, complete a task, send a message, cancel) and
the worker's (move the clock, fire the due timers). The same walk runs in the generator, on the code that
saved the cases, and in the test, on the code that must continue them, so what one observes the other
compares. Cases are named by business key: those opened after a snapshot get new ids but the same key
(the counters are part of the snapshot). Nothing here imports the engine, whose modules moved between the
two.
"""
from __future__ import annotations

import re
from datetime import datetime

from tests.api.cases import Case

READER = "chu_tich"  # reads every case of the commune, confidential fields included
OPEN = ("ready", "claimed")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TRACKING_CODE = re.compile(r'id="tracking-code">([^<]+)<')


class Walk:
    """One scenario's cases, as the demo users act on them; `fire_timers(services)` is the worker's step."""

    def __init__(self, api, client, clock, services, fire_timers):
        self.api, self.client, self.clock, self.services = api, client, clock, services
        self.fire_timers = fire_timers

    def step(self, step: dict) -> dict:
        """Take one step; what it produced (a case number, timers fired), for the other side to compare."""
        kind = step["kind"]
        if kind == "open":
            case = Case(self.api, step["process_model"], step["user"], step["data"], reader=READER)
            return {"business_key": case.body["business_key"]}
        if kind == "portal":
            return self._portal(step)
        if kind == "clock":
            self.clock.set(datetime.fromisoformat(step["at"]))
            return {"fired": self.fire_timers(self.services)}
        case = Case.existing(self.api, self.case_id(step["case"]), READER)
        user = self.api.as_(step["user"])
        if kind == "claim":
            task = case.task(step["task"])
            response = user.post(f"/api/v1/tasks/{task['id']}/claim")
        elif kind == "do":
            task = case.task(step["task"])
            if task["assignee"] != step["user"]:
                case.do(step["task"], step["user"], step["data"])
                return {}
            response = user.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": step["data"]})
        elif kind == "send":
            response = case.send(step["message"], step["user"], step["data"])
        elif kind == "cancel":
            response = user.post(f"/api/v1/instances/{case.id}/cancel", json={"reason": step["reason"]})
        else:
            raise ValueError(kind)
        assert response.status_code == 200, (step, response.get_json())
        return {}

    def _portal(self, step: dict) -> dict:
        """A letter sent from the public portal: the form with its CSRF token, then the tracking code shown once."""
        page = f"/cong-dan/gui/{step['process_model']}"
        token = CSRF.search(self.client.get(page).get_data(as_text=True)).group(1)
        response = self.client.post(page, data={**step["data"], "commune": step["commune"], "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        code = TRACKING_CODE.search(self.client.get("/cong-dan/da-gui").get_data(as_text=True)).group(1)
        return {"business_key": code.rsplit("-", 1)[0], "tracking_code": code}

    def case_id(self, business_key: str) -> str:
        response = self.api.as_(READER).get("/api/v1/instances", query_string={"business_key": business_key})
        assert response.status_code == 200, response.get_json()
        (item,) = response.get_json()["items"]
        return item["id"]

    def cases(self) -> list[dict]:
        response = self.api.as_(READER).get("/api/v1/instances", query_string={"limit": 200})
        assert response.status_code == 200, response.get_json()
        return sorted(response.get_json()["items"], key=lambda item: item["business_key"])

    def observe(self, users: list[str]) -> dict:
        """Every case as the reader sees it (the case, its history, its task list) and every user's
        notifications: reading each of them must work at every step."""
        cases = {}
        for item in self.cases():
            reader = self.api.as_(READER)
            detail = reader.get(f"/api/v1/instances/{item['id']}")
            history = reader.get(f"/api/v1/instances/{item['id']}/history")
            listed = reader.get("/api/v1/tasks", query_string={"instance_id": item["id"], "limit": 200})
            for response in (detail, history, listed):
                assert response.status_code == 200, (item["business_key"], response.get_json())
            cases[item["business_key"]] = summary(detail.get_json(), history.get_json()["items"],
                                                  listed.get_json()["items"])
        notified = {}
        for user in users:
            response = self.api.as_(user).get("/api/v1/notifications", query_string={"limit": 200})
            assert response.status_code == 200, response.get_json()
            notified[user] = sorted([n["title"], n["business_key"]] for n in response.get_json()["items"])
        return {"cases": cases, "notifications": notified}

    def final(self) -> dict:
        """Each case in full as the reader sees it, with ids that differ between runs replaced by names."""
        details = {item["business_key"]: self.api.as_(READER).get(f"/api/v1/instances/{item['id']}").get_json()
                   for item in self.cases()}
        names = {d["id"]: f"case:{key}" for key, d in details.items()}
        for detail in details.values():
            names.update({t["id"]: f"task:{t['name']}" for t in detail["tasks"]})
        return {key: stable(detail, names) for key, detail in details.items()}


def summary(detail: dict, history: list[dict], listed: list[dict]) -> dict:
    return {
        "status": detail["status"], "outcome": detail["outcome"], "version": detail["version"],
        "due_at": detail["due_at"], "urgency": detail["urgency"],
        "open_tasks": sorted([t["name"], t["role"], t["status"], t["assignee"], t["due_at"], t["urgency"]]
                             for t in detail["tasks"] if t["status"] in OPEN),
        "task_count": len(detail["tasks"]),
        "links": sorted([k["relation"], k["direction"], k["business_key"], k["status"]] for k in detail["links"]),
        "messages": sorted([m["name"], m["allowed"]] for m in detail["messages"]),
        "listed_tasks": sorted([t["name"], t["status"]] for t in listed),
        "history": [[e["action"], e["actor"], e["task_title"]] for e in history],
    }


def stable(value, names: dict):
    """`value` with case and task ids replaced by what they name and the audit's own numbers left out."""
    if isinstance(value, dict):
        return {k: stable(v, names) for k, v in value.items() if not (k == "id" and isinstance(v, int))}
    if isinstance(value, list):
        items = [stable(v, names) for v in value]
        return sorted(items, key=repr) if all(isinstance(v, dict) and "name" in v for v in items) else items
    if isinstance(value, str):
        return names.get(value, value)
    return value
