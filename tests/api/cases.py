"""A case of any process driven through the HTTP API as the demo users, shared by the process test modules.

`Case(api, "cong_khai", "van_phong", data)` opens a case as the demo user `van_phong`; `case.do("task_name",
"role", data)` claims and completes the one open task of that name as the demo user named like the role,
checking that the task belongs to that role; `case.detail()` is `GET /api/v1/instances/{id}`. Every action
takes what, then who, then the data: `Case(api, model, starter, data)`, `do`/`refuse(task, user, data)`,
`send(message, user, data)`. The complaint (`tests.samples.Complaint`) is this one opened with the complaint's
intake; sample data shared by several modules live in `tests/samples.py`.
"""
from __future__ import annotations

from datetime import datetime, timezone

OPEN = ("ready", "claimed")
DUE_END_OF_DAY = "T17:00:00"  # 24:00 in Vietnam (UTC+7) written in UTC


def on(day: str) -> datetime:
    """08:00 in Vietnam on `day` (ISO): a step completed then is dated `day`, its document by the register too."""
    return datetime.fromisoformat(f"{day}T01:00:00").replace(tzinfo=timezone.utc)


class Case:
    """One case: opened with its start form by `starter`, then walked task by task."""

    def __init__(self, api, process_model: str, starter: str, data: dict, *, reader: str = "chu_tich"):
        self.api = api
        self.reader = reader
        response = api.as_(starter).post("/api/v1/instances", json={"process_model": process_model, "data": data})
        assert response.status_code == 201, response.get_json()
        self.body = response.get_json()
        self.id = self.body["id"]

    @classmethod
    def existing(cls, api, instance_id: str, reader: str = "chu_tich") -> "Case":
        """A case a diagram opened (a linked case), to walk it like one opened by hand."""
        case = cls.__new__(cls)
        case.api, case.reader, case.id = api, reader, instance_id
        case.body = case.detail()
        return case

    def detail(self, user: str | None = None) -> dict:
        """The case as `user` sees it, by default as the reader: what a role may see is part of a test."""
        response = self.api.as_(user or self.reader).get(f"/api/v1/instances/{self.id}")
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    @property
    def data(self) -> dict:
        return self.detail()["data"]

    def open_tasks(self) -> list[dict]:
        return [t for t in self.detail()["tasks"] if t["status"] in OPEN]

    def open_task_names(self) -> list[str]:
        return sorted(t["name"] for t in self.open_tasks())

    def task(self, name: str) -> dict:
        """The one open task `name`: with two of that name, which one a step acts on would be a guess."""
        matches = [t for t in self.open_tasks() if t["name"] == name]
        assert len(matches) == 1, (name, self.open_task_names())
        return matches[0]

    def do(self, name: str, user: str, data: dict) -> dict:
        """Claim and complete the open task `name` as `user`, who must hold the task's role."""
        task = self.task(name)
        assert task["role"] == user, (name, task["role"])
        client = self.api.as_(user)
        response = client.post(f"/api/v1/tasks/{task['id']}/claim")
        assert response.status_code == 200, response.get_json()
        response = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["status"] == "completed"
        return task

    def refuse(self, name: str, user: str, data: dict) -> dict:
        """Complete without claiming, expecting a refusal: the status and the error body
        (`code`, `details`, ...), so a test checks why it was refused."""
        task = self.task(name)
        response = self.api.as_(user).post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})
        assert 400 <= response.status_code < 500, response.get_json()  # a 5xx is a bug, never a refusal
        return {"status": response.status_code, **response.get_json()["error"]}

    def send(self, message: str, user: str, data: dict):
        """Send the message `message` to the case as `user`: the response, as some are refused."""
        return self.api.as_(user).post(f"/api/v1/instances/{self.id}/messages", json={"name": message, "data": data})

    def outcome(self) -> tuple[str, str | None]:
        detail = self.detail()
        return detail["status"], detail["outcome"]

    def due_day(self, name: str) -> str | None:
        """The last day of the open task's legal period, None without one: due_at is 24:00 of that day in
        Vietnam, i.e. 17:00 UTC of the same day."""
        due = self.task(name)["due_at"]
        if due is None:
            return None
        assert due[10:19] == DUE_END_OF_DAY, due
        return due[:10]

    def history_actions(self) -> list[str]:
        response = self.api.as_(self.reader).get(f"/api/v1/instances/{self.id}/history")
        assert response.status_code == 200, response.get_json()
        return [e["action"] for e in response.get_json()["items"]]
