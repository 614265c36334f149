"""The sandbox for a diagram's expressions and scripts, attacked and used as designers use it.

Every attack is tried twice: at deploy time (the static check must name a problem) and at run time (the
sandbox must refuse it on its own, because a diagram stored before the checks existed never went through
them). Time limits are small here so that runaway code is stopped quickly.
"""
from __future__ import annotations

import sys
import time
import tracemalloc

import pytest
from lxml import etree
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.util.task import TaskState

import engine.workflow.scripting as scripting
from engine.workflow.script_guards import call_tracer, script_guards
from engine.workflow.script_limits import MeteredDeadline, ScriptError, ScriptRefused, ScriptTimeout
from engine.workflow.scripting import SafeScriptEnvironment, evaluate_expression, make_script_engine
from engine.workflow.scripting_checks import expression_problems, script_problems, timer_expression_problems

LIMIT = 0.2
SLACK = 3.0  # scheduling noise on a loaded 2-core machine; unbounded, these scripts would run for minutes

ATTACK_EXPRESSIONS = [
    "__import__('os').system('id')",
    "().__class__.__base__.__subclasses__()",
    "''.__class__.__mro__[1].__subclasses__()",
    "open('/etc/passwd').read()",
    "getattr(x, '__class__')",
    "'{0.__class__}'.format(1)",
    "'{0.__class__}'.format_map({})",
    "(x for x in []).gi_frame",
    "[].append.__self__",
    "x.__class__",
    "_private",
    "eval('1 + 1')",
    "exec('import os')",
    "compile('1', 'x', 'eval')",
    "globals()",
    "vars()",
    "type(x)",
    "lambda: 1",
    "(y := 1)",
    "f'{x.__class__}'",
    "f'{x:>1000000000}'",
    "'ab'.center(1000000000)",
    "items.clear()",
]
# Only the values show the danger, so only the run time can refuse these.
OVERSIZED_EXPRESSIONS = [
    "'%*d' % (1000000000, 1)",
    "10 ** 10 ** 10",
    "'a' * 10 ** 10",
    "round(5, -10 ** 9)",
    "sum([[1] * 100000] * 100000, [])",
    "str(['a' * 100000] * 100000)",
]

ATTACK_SCRIPTS = [
    "import os\nos.system('id')",
    "from os import system",
    "__import__('os').system('id')",
    "x = ().__class__.__base__.__subclasses__()",
    "data = open('/etc/passwd').read()",
    "x = getattr(1, '__class__')",
    "x = '{0.__class__}'.format(1)",
    "g = (i for i in [1])\nf = g.gi_frame",
    "x = eval('1 + 1')",
    "exec('x = 1')",
    "g = globals()",
    "v = vars()",
    "t = type(1)",
    "def f():\n    pass\ncode = f.__code__",
    "class Escape:\n    pass",
    "print('leak')",
    "try:\n    while True:\n        pass\nexcept Exception:\n    pass",
]
OVERSIZED_SCRIPTS = [
    "x = 10 ** 10 ** 10",
    "x = 'a' * 10 ** 10",
    "x = '%*d' % (10 ** 9, 1)",
    "x = 'a'\nfor i in range(100):\n    x *= 2",
    "x = [1]\nfor i in range(100):\n    x.extend(x)",
    "s = 'a' * 100000\nt = s.replace('', s)",
    "s = 'a' * 100000\nrows = []\nfor i in range(200):\n    rows.append(s)\nt = ''.join(rows)",
    "s = 'a' * 100000\nrows = []\nfor i in range(20000):\n    rows.append(s)\nt = str(rows)",
    "s = 'a' * 100000\nrows = []\nfor i in range(20000):\n    rows.append(s)\nt = f'{rows}'",
    "x = [1]\nfor i in range(40):\n    x = [x, x]",
]


@pytest.fixture
def sandbox():
    return SafeScriptEnvironment(timeout_seconds=LIMIT)


@pytest.fixture
def without_deploy_checks(monkeypatch):
    """The runtime alone, as for a diagram stored before the deploy-time checks existed."""
    scripting._parse_expression.cache_clear()
    monkeypatch.setattr(scripting, "expression_problems", lambda text: [])
    yield
    scripting._parse_expression.cache_clear()


# --- attacks ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("expression", ATTACK_EXPRESSIONS)
def test_attack_expression_is_refused_at_deploy(expression):
    assert expression_problems(expression) != []


@pytest.mark.parametrize("expression", ATTACK_EXPRESSIONS + OVERSIZED_EXPRESSIONS)
def test_attack_expression_is_refused_at_run_time(sandbox, expression):
    with pytest.raises(ScriptError):
        sandbox.evaluate(expression, {"x": 1, "items": [1, 2]})


@pytest.mark.parametrize("expression", ATTACK_EXPRESSIONS + OVERSIZED_EXPRESSIONS)
def test_attack_expression_is_refused_by_the_runtime_alone(sandbox, without_deploy_checks, expression):
    with pytest.raises((ScriptError, NameError)):
        sandbox.evaluate(expression, {"x": 1, "items": [1, 2]})


@pytest.mark.parametrize("script", ATTACK_SCRIPTS)
def test_attack_script_is_refused_at_deploy(script):
    assert script_problems(script) != []


@pytest.mark.parametrize("script", ATTACK_SCRIPTS + OVERSIZED_SCRIPTS)
def test_attack_script_is_refused_at_run_time_and_changes_nothing(sandbox, script):
    data = {"x": 1}
    with pytest.raises((ScriptError, NameError)):
        sandbox.execute(script, data)
    assert data == {"x": 1}


def test_script_cannot_import_os(sandbox):
    assert any("import" in problem for problem in script_problems("import os"))
    with pytest.raises(ScriptRefused):
        sandbox.execute("import os", {})


def test_script_cannot_catch_the_time_limit(sandbox):
    script = "try:\n    while True:\n        pass\nexcept Exception:\n    pass\nwhile True:\n    pass"
    assert script_problems(script)
    started = time.monotonic()
    with pytest.raises(ScriptRefused):
        sandbox.execute(script, {})
    assert time.monotonic() - started < LIMIT


def test_expression_cannot_mutate_case_data(sandbox):
    data = {"items": [1, 2]}
    with pytest.raises(ScriptError):
        sandbox.evaluate("items.append(3)", data)
    assert data == {"items": [1, 2]}


def test_variables_holding_objects_are_invisible(sandbox):
    data = {"os_module": sys, "callback": print, "safe": 1}
    with pytest.raises(ScriptRefused):
        sandbox.evaluate("os_module", data)
    sandbox.execute("seen = safe + 1", data)
    assert data["seen"] == 2 and data["os_module"] is sys
    with pytest.raises(NameError):
        sandbox.execute("callback('x')", data)


# --- normal use ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("expression, data, expected", [
    ("ket_qua_thu_ly == 'thu_ly'", {"ket_qua_thu_ly": "thu_ly"}, True),
    ("ket_qua_thu_ly == 'thu_ly'", {"ket_qua_thu_ly": "tra_lai"}, False),
    ("so_phieu_dong_y * 2 > so_ho_du_hop", {"so_phieu_dong_y": 31, "so_ho_du_hop": 60}, True),
    ("len(y_kien) >= 2 and all(v in ('dong_y', 'khong') for v in y_kien)", {"y_kien": ["dong_y", "khong"]}, True),
    ("max(diem) - min(diem)", {"diem": [3, 9, 5]}, 6),
    ("sorted(ten, key=len)[0].upper()", {"ten": ["Hoa", "An"]}, "AN"),
    ("ho_so.get('so_trang', 0) + 1", {"ho_so": {"so_trang": 4}}, 5),
    ("[x * 2 for x in so if x > 1]", {"so": [1, 2, 3]}, [4, 6]),
    ("', '.join(ten)", {"ten": ["An", "Hoa"]}, "An, Hoa"),
    ("f'{so_tien:,.0f} đồng'", {"so_tien": 1500000}, "1,500,000 đồng"),
    ("\"P30D\" if khan else \"P60D\"", {"khan": True}, "P30D"),
    ("2 ** 10", {}, 1024),
])
def test_conditions_and_expressions_evaluate_like_python(sandbox, expression, data, expected):
    assert expression_problems(expression) == []
    assert sandbox.evaluate(expression, data) == expected


def test_case_data_wins_over_external_context(sandbox):
    assert sandbox.evaluate("a + b", {"a": 1}, {"a": 100, "b": 10}) == 11


def test_missing_variable_is_a_name_error_spiffworkflow_understands(sandbox):
    with pytest.raises(NameError, match=r"^name 'khong_co' is not defined$"):
        sandbox.evaluate("khong_co == 1", {"co": 1})


def test_script_sets_variables_builds_lists_and_dicts_and_loops(sandbox):
    data = {"phieu": ["dong_y", "khong", "dong_y"], "ten": "xã An Bình"}
    script = (
        "so_phieu_dong_y = sum(1 for p in phieu if p == 'dong_y')\n"
        "tong = len(phieu)\n"
        "thong_ke = {'dong_y': so_phieu_dong_y, 'khong': tong - so_phieu_dong_y}\n"
        "danh_sach = []\n"
        "for i, p in enumerate(phieu):\n"
        "    danh_sach.append(f'{i + 1}. {p}')\n"
        "dem = 0\n"
        "while dem < 5:\n"
        "    dem += 1\n"
        "def ty_le(a, b):\n"
        "    return round(a / b, 2)\n"
        "ket_qua = ty_le(so_phieu_dong_y, tong)\n"
        "tieu_de = ten.upper()\n"
    )
    assert script_problems(script) == []
    assert sandbox.execute(script, data) is True
    assert data["so_phieu_dong_y"] == 2 and data["tong"] == 3
    assert data["thong_ke"] == {"dong_y": 2, "khong": 1}
    assert data["danh_sach"] == ["1. dong_y", "2. khong", "3. dong_y"]
    assert data["dem"] == 5 and data["ket_qua"] == 0.67 and data["tieu_de"] == "XÃ AN BÌNH"
    assert "ty_le" not in data  # functions are never kept in the case data


def test_script_keeps_only_plain_data_and_copies_it(sandbox):
    shared = [1, 2]
    data = {"shared": shared, "bo_di": 1}
    sandbox.execute("shared.append(3)\nnhom = {1, 2}\ncap = (1, 'a')\ndel bo_di\nr = range(3)", data)
    assert shared == [1, 2], "the script worked on a copy: earlier task data is never changed through it"
    assert data == {"shared": [1, 2, 3], "cap": (1, "a")}


def test_failed_script_leaves_task_data_unchanged(sandbox):
    data = {"a": 1}
    with pytest.raises(ZeroDivisionError):
        sandbox.execute("a = 2\nb = 1 / 0", data)
    assert data == {"a": 1}


def test_evaluate_expression_reads_deadline_data():
    assert evaluate_expression("15 if khan else 30", {"khan": False}) == 30


def test_make_script_engine_uses_the_sandbox():
    engine = make_script_engine(1.5)
    assert isinstance(engine, PythonScriptEngine)
    assert isinstance(engine.environment, SafeScriptEnvironment)
    assert engine.environment.timeout_seconds == 1.5


# --- timers ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    '"P30D"', "'PT5M'", '"P1Y2M"', '"2026-01-01T00:00:00+07:00"', '"R4/2026-01-01T00:00:00+07:00/P3M"',
    '"R12/P1D"', '"R1000/PT1M"', "han_xu_ly", '"P15D" if khan else "P30D"',
])
def test_timer_accepts_quoted_iso_values_and_variables(text):
    assert timer_expression_problems(text) == []


@pytest.mark.parametrize("text", ["P30D", "PT1H", "R/P1D", "2026-01-01T00:00:00+07:00"])
def test_unquoted_iso_timer_is_refused_with_a_message_about_quotes(text):
    problems = timer_expression_problems(text)
    assert len(problems) == 1
    assert "nháy" in problems[0] and f'"{text}"' in problems[0]


@pytest.mark.parametrize("text", ['"P30X"', '"hello"', '"2026-01-01T00:00:00"', '"P9999Y"', "__import__('os')", ""])
def test_timer_refuses_values_spiffworkflow_cannot_use(text):
    assert timer_expression_problems(text) != []


@pytest.mark.parametrize("text, problem", [
    ('"R/PT0S"', "không giới hạn"), ('"R/P1D"', "không giới hạn"), ('"R2000/PT0S"', "quá 1000 lần"),
    ('"R1001/P1D"', "quá 1000 lần"), ('"R5/PT30S"', "1 phút"), ('"R5/PT0S"', "1 phút"),
])
def test_timer_cycle_must_end_and_pause_at_least_a_minute(text, problem):
    assert any(problem in message for message in timer_expression_problems(text))


# --- time limits -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("script", [
    "while True: pass",
    "while True:\n    x = 1",
    "n = 0\nfor i in range(100000):\n    for j in range(100000):\n        n += 1",
    "def f(n):\n    return 1 if n > 40 else f(n + 1) + f(n + 1)\nx = f(0)",
    "f = lambda n: 1 if n > 40 else f(n + 1) + f(n + 1)\nx = f(0)",
    "x = sum(i for i in range(100000) for j in range(100000))",
])
def test_runaway_script_is_stopped_within_the_limit(sandbox, script):
    started = time.monotonic()
    with pytest.raises(ScriptTimeout):
        sandbox.execute(script, {})
    assert time.monotonic() - started < LIMIT + SLACK


def test_runaway_expression_is_stopped_within_the_limit(sandbox):
    data = {"so": list(range(10000))}
    started = time.monotonic()
    with pytest.raises(ScriptTimeout):
        sandbox.evaluate("[sorted(so) for i in so for j in so]", data)  # 10^8 sorts: hours unbounded
    assert time.monotonic() - started < LIMIT + SLACK


def test_previous_trace_function_is_restored(sandbox):
    def tracer(frame, event, arg):
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        sandbox.execute("x = 1", {})
        with pytest.raises(ScriptTimeout):
            sandbox.execute("while True: pass", {})
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(previous)


def test_a_loop_left_suspended_closes_quietly_while_a_later_script_overruns():
    """A script stopped inside nested loops leaves its outer loop guard suspended; Python may close it
    later, while another script runs past its own limit. Closing it must not raise that script's timeout
    (inside a finalizer Python would only print "Exception ignored"), and that script is still stopped."""
    loop = script_guards(MeteredDeadline(60))["_getiter_"](range(10))
    next(loop)
    overrun = MeteredDeadline(-1)  # a later script, past its limit
    previous = sys.gettrace()
    sys.settrace(call_tracer(overrun))
    try:
        loop.close()
    finally:
        sys.settrace(previous)
    with pytest.raises(ScriptTimeout):
        overrun.check()


# --- memory ----------------------------------------------------------------------------------------------

# Each keeps gigabytes within its time limit when only time bounds it: the meter refuses it first.
MEMORY_BOMBS = [
    "x = [1]\nfor i in range(26):\n    x = [*x, *x]",
    "b = list(range(100000))\nr = [b[:] for i in range(100000)]",
    "s = 'a' * 100000\nr = [s.upper() for i in range(100000)]",
    "b = list(range(100000))\nr = [list(b) for i in range(100000)]",
]


@pytest.mark.parametrize("script", MEMORY_BOMBS)
def test_a_script_that_keeps_building_values_is_refused_before_it_fills_memory(script):
    tracemalloc.start()
    try:
        with pytest.raises(ScriptRefused):
            SafeScriptEnvironment(timeout_seconds=5.0).execute(script, {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MB"


def test_an_expression_is_metered_too(sandbox):
    with pytest.raises(ScriptRefused, match="in all"):
        sandbox.evaluate("[t.upper() for i in so]", {"t": "a" * 20000, "so": list(range(10000))})


def test_scripts_within_the_meter_run_as_before():
    data = {"so": list(range(1000))}
    SafeScriptEnvironment(timeout_seconds=5.0).execute("r = [str(i) for i in so for j in range(100)]\nn = len(r)", data)
    assert data["n"] == 100_000


# --- end to end through SpiffWorkflow --------------------------------------------------------------------

BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="lay_y_kien" isExecutable="true">
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="lane_can_bo" name="can_bo_tiep_nhan"><bpmn:flowNodeRef>xem_xet</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="bat_dau"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="dem_phieu" name="Đếm phiếu">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>{script}</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:exclusiveGateway id="du_phieu" default="f_khong_dat">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f_dat</bpmn:outgoing><bpmn:outgoing>f_khong_dat</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:userTask id="xem_xet" name="Xem xét kết quả">
      <bpmn:incoming>f_dat</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="thong_qua"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="khong_thong_qua"><bpmn:incoming>f_khong_dat</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="dem_phieu"/>
    <bpmn:sequenceFlow id="f2" sourceRef="dem_phieu" targetRef="du_phieu"/>
    <bpmn:sequenceFlow id="f_dat" sourceRef="du_phieu" targetRef="xem_xet">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_khong_dat" sourceRef="du_phieu" targetRef="khong_thong_qua"/>
    <bpmn:sequenceFlow id="f3" sourceRef="xem_xet" targetRef="thong_qua"/>
  </bpmn:process>
</bpmn:definitions>"""
COUNT_VOTES = "so_phieu_dong_y = len([p for p in phieu if p == 'dong_y'])"
MAJORITY = "so_phieu_dong_y * 2 &gt; so_ho_du_hop"


def start_workflow(script: str, condition: str, data: dict) -> BpmnWorkflow:
    parser = SpiffBpmnParser()
    root = etree.fromstring(BPMN.format(script=script, condition=condition).encode())
    parser.add_bpmn_xml(root, "lay_y_kien.bpmn")
    workflow = BpmnWorkflow(parser.get_spec("lay_y_kien"), parser.get_subprocess_specs("lay_y_kien"),
                            script_engine=make_script_engine(LIMIT))
    workflow.get_tasks(state=TaskState.READY)[0].data.update(data)
    workflow.do_engine_steps()
    return workflow


def test_diagram_runs_script_gateway_and_user_task_in_the_sandbox():
    workflow = start_workflow(COUNT_VOTES, MAJORITY, {"phieu": ["dong_y", "dong_y", "khong"], "so_ho_du_hop": 3})
    [task] = workflow.get_tasks(state=TaskState.READY, manual=True)
    assert task.task_spec.bpmn_id == "xem_xet"
    assert task.task_spec.lane == "can_bo_tiep_nhan"
    assert task.data["so_phieu_dong_y"] == 2
    task.run()
    workflow.do_engine_steps()
    assert workflow.is_completed()
    assert [t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.COMPLETED)
            if t.task_spec.bpmn_id in ("thong_qua", "khong_thong_qua")] == ["thong_qua"]


def test_diagram_takes_the_default_flow_without_a_majority():
    workflow = start_workflow(COUNT_VOTES, MAJORITY, {"phieu": ["dong_y", "khong", "khong"], "so_ho_du_hop": 3})
    assert workflow.is_completed()
    assert workflow.data["so_phieu_dong_y"] == 1


def test_stored_diagram_script_cannot_run_os_commands(tmp_path):
    marker = tmp_path / "pwned"
    attack = f"__import__('os').system('touch {marker}')"
    assert script_problems(attack)
    with pytest.raises(SpiffWorkflowException):
        start_workflow(attack, MAJORITY, {"phieu": [], "so_ho_du_hop": 1})
    assert not marker.exists()


def test_stored_diagram_condition_cannot_run_os_commands(tmp_path):
    marker = tmp_path / "pwned"
    attack = f"__import__('os').system('touch {marker}') == 0"
    assert expression_problems(attack)
    with pytest.raises(SpiffWorkflowException):
        start_workflow(COUNT_VOTES, attack, {"phieu": [], "so_ho_du_hop": 1})
    assert not marker.exists()
