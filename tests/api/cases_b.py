"""A case driven through the HTTP API as the demo users, shared by the process-library test modules.

`Case(api, "cong_khai", "van_phong", data)` opens a case; `case.do("task_name", "role", data)` claims and
completes the one open task of that name as the demo user named like the role, checking that the task
belongs to that role; `case.detail()` is `GET /api/v1/instances/{id}`.
"""
from __future__ import annotations

DUE_END_OF_DAY = "T17:00:00"  # 24:00 in Vietnam (UTC+7) written in UTC


class Case:
    def __init__(self, api, process_model: str, starter: str, data: dict):
        self.api = api
        response = api.as_(starter).post("/api/v1/instances", json={"process_model": process_model, "data": data})
        assert response.status_code == 201, response.get_json()
        self.body = response.get_json()
        self.id = self.body["id"]

    @classmethod
    def existing(cls, api, instance_id: str) -> "Case":
        case = cls.__new__(cls)
        case.api, case.id = api, instance_id
        case.body = case.detail()
        return case

    def detail(self, user: str = "chu_tich") -> dict:
        response = self.api.as_(user).get(f"/api/v1/instances/{self.id}")
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    @property
    def data(self) -> dict:
        return self.detail()["data"]

    def open_tasks(self) -> list[dict]:
        return [t for t in self.detail()["tasks"] if t["status"] in ("ready", "claimed")]

    def open_task_names(self) -> list[str]:
        return sorted(t["name"] for t in self.open_tasks())

    def task(self, name: str) -> dict:
        matches = [t for t in self.open_tasks() if t["name"] == name]
        assert len(matches) == 1, (name, self.open_task_names())
        return matches[0]

    def do(self, name: str, user: str, data: dict) -> dict:
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
        """Complete as `user` expecting a refusal; returns the status and error body."""
        task = self.task(name)
        response = self.api.as_(user).post(f"/api/v1/tasks/{task['id']}/complete", json={"data": data})
        assert response.status_code >= 400
        return {"status": response.status_code, **response.get_json()["error"]}

    def send(self, user: str, name: str, data: dict):
        return self.api.as_(user).post(f"/api/v1/instances/{self.id}/messages", json={"name": name, "data": data})

    def outcome(self) -> tuple[str, str | None]:
        detail = self.detail()
        return detail["status"], detail["outcome"]

    def due_date(self, name: str) -> str | None:
        """The last day of the task's legal period (the due instant is 24:00 of that day in Vietnam)."""
        due = self.task(name)["due_at"]
        if due is None:
            return None
        assert DUE_END_OF_DAY in due, due  # 24:00 of day D in Vietnam is 17:00 UTC of the same day D
        return due[:10]
