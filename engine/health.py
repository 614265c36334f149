"""A cheap round trip to the database, for load balancers and `make run`'s readiness wait."""
from sqlalchemy import text


def check_database(services) -> str:
    with services.uow(write=False) as uow:
        uow.session.execute(text("SELECT 1"))
    return "ok"
