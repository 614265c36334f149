"""Persistence: tables, the database connection and the unit of work. Only engine modules import this."""
