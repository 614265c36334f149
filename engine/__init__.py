"""danchu engine: process versions, cases, tasks, roles, deadlines and audit. Knows nothing of HTTP."""
