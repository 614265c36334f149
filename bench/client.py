"""A small keep-alive HTTP client that speaks the danchu API and times every request it makes."""
from __future__ import annotations

import http.client
import json
import time
from collections import defaultdict

from engine.people.users import DEMO_PASSWORD


class ApiError(Exception):
    def __init__(self, status: int, body):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body

    def __reduce__(self):  # raised in a pool's worker, it travels back to the parent
        return ApiError, (self.status, self.body)


class Client:
    """One connection, one person at a time; `timings[kind]` collects milliseconds per request type."""

    def __init__(self, port: int, timeout: float = 30.0):
        self.port = port
        self.timeout = timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.tokens: dict[str, str] = {}

    def request(self, kind: str, method: str, path: str, body=None, token: str | None = None,
                content_type: str | None = None):
        """`body`: JSON, or the raw bytes of a `content_type` (a multipart body, `multipart`)."""
        headers = {"Content-Type": content_type or "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else None
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=payload, headers=headers)
            response = self.conn.getresponse()
            raw = response.read()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # the server closed the keep-alive connection while it sat idle (gunicorn keeps one 2 s, less than
            # a slow request to another server can take): a GET is asked again on a new one, as browsers do
            self.reconnect()
            if method != "GET":
                raise
            started = time.perf_counter()
            self.conn.request(method, path, body=payload, headers=headers)
            response = self.conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException):
            self.reconnect()
            raise
        self.timings[kind].append((time.perf_counter() - started) * 1000)
        if response.getheader("Connection", "").lower() == "close":
            self.reconnect()
        data = json.loads(raw) if raw else None
        if response.status >= 300:
            raise ApiError(response.status, data)
        return data

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)

    def login(self, username: str) -> str:
        body = self.request("login", "POST", "/api/v1/auth/token",
                            {"username": username, "password": DEMO_PASSWORD})
        self.tokens[username] = body["access_token"]
        return body["access_token"]

    def start(self, username: str, process_model: str, data: dict) -> dict:
        return self.request("start", "POST", "/api/v1/instances", {"process_model": process_model, "data": data},
                            self.tokens[username])

    def start_with_files(self, username: str, process_model: str, data: dict,
                         files: list[tuple[str, str, bytes]]) -> dict:
        """Start a case as the web form does with files: `files` are (field, file name, bytes)."""
        body, content_type = multipart({"process_model": process_model, "data": json.dumps(data)}, files)
        return self.request("start_with_files", "POST", "/api/v1/instances", body, self.tokens[username],
                            content_type)

    def inbox(self, username: str, **query) -> dict:
        args = "&".join(f"{k}={v}" for k, v in {"scope": "claimable", **query}.items())
        return self.request("inbox", "GET", f"/api/v1/tasks?{args}", token=self.tokens[username])

    def claim(self, username: str, task_id: str) -> dict:
        return self.request("claim", "POST", f"/api/v1/tasks/{task_id}/claim", token=self.tokens[username])

    def complete(self, username: str, task_id: str, data: dict) -> dict:
        return self.request("complete", "POST", f"/api/v1/tasks/{task_id}/complete", {"data": data},
                            self.tokens[username])

    def history(self, username: str, instance_id: str) -> dict:
        return self.request("history", "GET", f"/api/v1/instances/{instance_id}/history",
                            token=self.tokens[username])

    def close(self) -> None:
        self.conn.close()


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A `multipart/form-data` body of text fields and files, and its content type."""
    boundary = f"danchu-bench-{time.perf_counter_ns()}"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields.items()]
    parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
              f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n"
              for field, filename, content in files]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
