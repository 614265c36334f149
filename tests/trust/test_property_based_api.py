"""A property-based run of schemathesis against danchu's own OpenAPI document, authenticated, bounded.

For every operation schemathesis generates valid and invalid requests (positive and negative modes) and
checks each response: never a 5xx, always a documented status code, content type and body shape. In
`make test` the run is bounded and the same every time (a few examples per operation and mode, a few
hundred requests in all, well under a minute). `make fuzz` runs it long and random
(`DANCHU_FUZZ_EXAMPLES`, 80 there: about 13,000 requests, under two minutes per database); its failures
are printed with the request that reproduces them, and become tests of their own when fixed.
"""
import os

import pytest
from hypothesis import HealthCheck, given, settings
from schemathesis import openapi
import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode

from tests.samples import Complaint
from tests.trust.helpers import new_user

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("DANCHU_FUZZ_EXAMPLES", "5"))
DERANDOMIZE = "DANCHU_FUZZ_EXAMPLES" not in os.environ  # make test: the same requests every run
ROLES = (("quan_tri",), ("tiep_cong_dan",))
SELF_REVOKING = {("POST", "/api/v1/auth/logout"), ("DELETE", "/api/v1/auth/session"),
                 ("POST", "/api/v1/auth/password")}  # would end the run's own session; tested elsewhere
STATS = []


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def schema(app, api):
    """The served OpenAPI document; a Word template's body (`PUT .../templates/{name}`) is sent as raw bytes,
    like any binary upload."""
    schemathesis.serializer.alias(DOCX, "application/octet-stream")
    Complaint(api)  # a real case and task, so ids and filters sometimes hit something
    return openapi.from_wsgi("/api/v1/openapi.json", app)


def test_no_request_breaks_the_server_or_the_documented_schema(schema, services, client):
    failures, statuses = [], []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    users = [new_user(services, client, roles=roles, prefix="fuzz")[1] for roles in ROLES]
    for operation in operations:
        if (operation.method.upper(), operation.path) in SELF_REVOKING:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for headers in users:

                @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=DERANDOMIZE,
                          suppress_health_check=list(HealthCheck))
                @given(case=operation.as_strategy(generation_mode=mode))
                def run(case):
                    response = case.call(headers={**(case.headers or {}), **headers})
                    statuses.append(response.status_code)
                    try:
                        case.validate_response(response, checks=CHECKS)
                    except Exception as failure:  # noqa: BLE001 - collected and reported together below
                        failures.append(f"{operation.method.upper()} {operation.path} [{mode.value}] "
                                        f"-> {response.status_code}: {str(failure)[:300]}")
                try:
                    run()
                except Exception as failure:  # noqa: BLE001 - schemathesis raises its own checks too
                    failures.append(f"{operation.method.upper()} {operation.path} [{mode.value}]: "
                                    f"{str(failure)[:600]}")
    assert len(statuses) >= 300 and statuses.count(200) >= 50  # the run did reach the code behind auth
    assert not failures, "\n".join(sorted(set(failures))[:40])
