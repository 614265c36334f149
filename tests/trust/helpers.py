"""Helpers of the trust tests: throwaway accounts (demo accounts must keep their tokens), raw SQL, and a second
province with a case in it."""
import dataclasses
import uuid

import pytest
from sqlalchemy import text

from engine.cases.lifecycle import start_case
from engine.core.principal import Principal
from engine.people.users import create_user
from engine.services import build_services
from server import create_app
from tests import conftest
from tests.samples import INTAKE

PASSWORD = "mat-khau-thu-nghiem"
OTHER_PROVINCE_CITIZEN = "Đoàn Văn Bình Định"


def new_user(services, client, roles=("tiep_cong_dan",), unit="nghia_ky", prefix="tam") -> tuple[str, dict]:
    """A fresh account and its bearer headers."""
    username = f"{prefix}_{uuid.uuid4().hex[:10]}"
    create_user(services, username=username, password=PASSWORD, full_name="Người thử nghiệm",
                roles=list(roles), unit_code=unit)
    response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.get_json()
    return username, {"Authorization": f"Bearer {response.get_json()['access_token']}"}


def sql(services, statement: str, **params):
    with services.database.engine.begin() as conn:
        return conn.execute(text(statement), params)


# Written by the login that fetches a test user's token on its first use (`ApiClient.token`), which may happen
# inside the request under test: not a change that request made.
LOGIN_BOOKKEEPING = frozenset({"login_known_addresses"})


def table_fingerprint(services) -> dict:
    """Row counts and content digests of every table: proof that a refused request changed nothing."""
    import hashlib

    from engine.store.tables import Base

    fingerprint = {}
    with services.database.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in LOGIN_BOOKKEEPING:
                continue
            rows = conn.execute(table.select()).all()
            digest = hashlib.sha256(repr(sorted(repr(tuple(r)) for r in rows)).encode()).hexdigest()
            fingerprint[table.name] = (len(rows), digest)
    return fingerprint


def another_province(services):
    """A second province on the server (Tỉnh Bình Định, with Xã Phù Cát), for the duration of a test: a second
    province changes who may deploy (`engine.trust.access`); the baseline restore removes it before the next test."""
    sql(services, "INSERT INTO org_units (code, name, kind) VALUES ('binh_dinh', 'Tỉnh Bình Định', 'province')")
    province = sql(services, "SELECT id FROM org_units WHERE code = 'binh_dinh'").scalar()
    sql(services, "INSERT INTO org_units (code, name, kind, parent_id) VALUES ('phu_cat', 'Xã Phù Cát', 'commune', :p)",
        p=province)
    commune = sql(services, "SELECT id FROM org_units WHERE code = 'phu_cat'").scalar()
    return {"province": province, "commune": commune}


def case_in(services, commune: int) -> dict:
    """A complaint of OTHER_PROVINCE_CITIZEN opened in `commune` (of `another_province`) by its own officer."""
    officer = Principal("tiep_cong_dan.binh_dinh", frozenset({"tiep_cong_dan"}), commune_id=commune,
                        communes=frozenset({commune}))
    return start_case(services, officer, "khieu_nai", {**INTAKE, "nguoi_khieu_nai": OTHER_PROVINCE_CITIZEN})


BUDGET = 0.3  # seconds: the evaluation budget of `tight`


@pytest.fixture
def tight(services, database_url, clock) -> conftest.ApiClient:
    """The API of the same database, with an evaluation budget of `BUDGET` seconds."""
    settings = dataclasses.replace(conftest.test_settings(database_url), eval_budget_seconds=BUDGET)
    tight_services = build_services(settings, clock=clock)
    yield conftest.ApiClient(create_app(services=tight_services).test_client(), database_url)
    tight_services.close()
