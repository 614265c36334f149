"""A form's check that runs out of time says so; it never calls valid data "not checkable"."""
import pytest

from engine.core.budget import TimeBudgetExceeded
from engine.definitions.form_checks import NOT_EVALUABLE, failed_checks

SCHEMA = {"type": "object", "properties": {"phieu_hop_le": {"type": "integer"}, "phieu_thu_ve": {"type": "integer"}},
          "x-checks": [{"assert": "phieu_hop_le <= phieu_thu_ve", "field": "phieu_hop_le", "message": "Quá số phiếu."}]}


def test_a_check_out_of_time_is_a_budget_problem_not_the_datas():
    with pytest.raises(TimeBudgetExceeded):
        failed_checks(SCHEMA, {"phieu_hop_le": 3, "phieu_thu_ve": 5}, {}, timeout_seconds=1e-9)


def test_with_time_a_valid_count_holds_and_a_missing_one_is_not_checkable():
    assert failed_checks(SCHEMA, {"phieu_hop_le": 3, "phieu_thu_ve": 5}, {}).errors == {}
    assert failed_checks(SCHEMA, {"phieu_hop_le": 3}, {}).errors == {"phieu_hop_le": NOT_EVALUABLE}
