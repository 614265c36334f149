"""A case of any process driven through the HTTP API as the demo users, for the process test modules."""
from __future__ import annotations

OPEN = ("ready", "claimed")


class Case:
    """One case: opened with its start form by `starter`, then walked task by task."""

    def __init__(self, api, process_model: str, data: dict, starter: str = "tiep_cong_dan", *, reader="chu_tich"):
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

    def detail(self) -> dict:
        return self.api.as_(self.reader).get(f"/api/v1/instances/{self.id}").get_json()

    @property
    def data(self) -> dict:
        return self.detail()["data"]

    def open_tasks(self) -> list[dict]:
        return [t for t in self.detail()["tasks"] if t["status"] in OPEN]

    def open_task_names(self) -> list[str]:
        return sorted(t["name"] for t in self.open_tasks())

    def task(self, name: str) -> dict:
        return next(t for t in self.open_tasks() if t["name"] == name)

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

    def try_complete(self, name: str, user: str, data: dict):
        """Complete without claiming and without asserting: the response, for refusals."""
        task = self.task(name)
        return self.api.as_(user).post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})

    def send(self, message: str, user: str, data: dict):
        return self.api.as_(user).post(f"/api/v1/instances/{self.id}/messages", json={"name": message, "data": data})

    def outcome(self) -> tuple[str, str | None]:
        detail = self.detail()
        return detail["status"], detail["outcome"]

    def history_actions(self) -> list[str]:
        items = self.api.as_(self.reader).get(f"/api/v1/instances/{self.id}/history").get_json()["items"]
        return [e["action"] for e in items]


def due_day(task: dict) -> str:
    """The last day of a task's legal period, in Vietnam: due_at is 24:00 of that day, i.e. 17:00 UTC."""
    due = task["due_at"]
    assert due is not None and due[11:19] == "17:00:00", due
    return due[:10]
