"""The states a case, a task, a timer row and a notification's email go through, named once.

The database stores them as these strings (the API shows them too), so they are plain `str` constants, not
`enum.Enum` members a driver could adapt by another rule.

- A case is `running` until its workflow ends (`completed`), someone cancels it (`cancelled`), or its diagram
  fails (`error`: it keeps its open tasks, visibly, until fixed).
- A task is `ready` (anyone of its role may claim it), `claimed` (one person holds it), then `completed`, or
  `cancelled` when its case no longer waits for it (a withdrawal, a cancellation, a boundary timer).
- A timer row is `pending` until its event ran (`fired`) or its activity ended first (`cancelled`).
- A notification's email is `none` (nobody to mail), `pending`, then `sent` or, after its retries, `failed`.
"""


class CaseStatus:
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ERROR = "error"
    ALL = (RUNNING, COMPLETED, CANCELLED, ERROR)
    ENDED = (COMPLETED, CANCELLED)


class TaskStatus:
    READY = "ready"
    CLAIMED = "claimed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ALL = (READY, CLAIMED, COMPLETED, CANCELLED)
    OPEN = (READY, CLAIMED)  # still to be done: someone may claim or complete it
    CLOSED = (COMPLETED, CANCELLED)


class TimerStatus:
    PENDING = "pending"
    FIRED = "fired"
    CANCELLED = "cancelled"


class EmailStatus:
    NONE = "none"
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


OPEN_TASK_STATUSES = TaskStatus.OPEN
