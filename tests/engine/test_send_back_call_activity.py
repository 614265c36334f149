"""Sending back across a call activity (`engine.workflow.spiff_resets`), at the workflow runner: a step of the
called process the case has left is redone, and from inside the called process the case goes back to the step
before it; what the redone step records reaches the steps after it. The workflow is stored and restored
between steps, as every command does."""
from engine.workflow.diagram_parsing import ParsedProcess, SpiffBpmnParser, sequence_flows
from engine.workflow.diagram_xml import parse_xml
from engine.workflow.spiff_adapter import WorkflowRunner

BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="chinh" isExecutable="true">
    <bpmn:startEvent id="bat_dau"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="a" name="A"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:callActivity id="goi" calledElement="phu"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:callActivity>
    <bpmn:userTask id="c" name="C"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="ket_thuc"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="bat_dau" targetRef="a" />
    <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="goi" />
    <bpmn:sequenceFlow id="f3" sourceRef="goi" targetRef="c" />
    <bpmn:sequenceFlow id="f4" sourceRef="c" targetRef="ket_thuc" />
  </bpmn:process>
  <bpmn:process id="phu" isExecutable="true">
    <bpmn:startEvent id="bat_dau_phu"><bpmn:outgoing>p1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="b1" name="B1"><bpmn:incoming>p1</bpmn:incoming><bpmn:outgoing>p2</bpmn:outgoing></bpmn:userTask>
    <bpmn:exclusiveGateway id="gw" default="p3"><bpmn:incoming>p2</bpmn:incoming><bpmn:outgoing>p3</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:userTask id="b2" name="B2"><bpmn:incoming>p3</bpmn:incoming><bpmn:outgoing>p4</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="ket_thuc_phu"><bpmn:incoming>p4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="p1" sourceRef="bat_dau_phu" targetRef="b1" />
    <bpmn:sequenceFlow id="p2" sourceRef="b1" targetRef="gw" />
    <bpmn:sequenceFlow id="p3" sourceRef="gw" targetRef="b2" />
    <bpmn:sequenceFlow id="p4" sourceRef="b2" targetRef="ket_thuc_phu" />
  </bpmn:process>
</bpmn:definitions>"""



def _parsed() -> ParsedProcess:
    """Parsed as SpiffWorkflow reads a call activity (its called process executable, in the same document);
    danchu's deploy takes one executable process per diagram, so the runner is tested on its own here."""
    root = parse_xml(BPMN.encode(), "goi.bpmn")
    parser = SpiffBpmnParser()
    parser.add_bpmn_xml(root, filename="goi.bpmn")
    return ParsedProcess("chinh", "chinh", parser.get_spec("chinh"), parser.get_subprocess_specs("chinh"),
                         flows=sequence_flows(root))


RUNNER = WorkflowRunner()
PARSED = _parsed()


def _stored(workflow):
    """The workflow as the next command restores it."""
    return RUNNER.loads(RUNNER.dumps(workflow, PARSED), PARSED)


def _ready(workflow) -> list[str]:
    return sorted(task.task_spec.name for task in RUNNER.ready_user_tasks(workflow))


def _do(workflow, name: str, **data):
    task = next(t for t in RUNNER.ready_user_tasks(workflow) if t.task_spec.name == name)
    RUNNER.complete_user_task(workflow, task, data)
    return _stored(workflow), str(task.id)


def _started():
    workflow = RUNNER.new(PARSED, {})
    RUNNER.run_engine_steps(workflow)
    return _stored(workflow)


def test_a_step_of_a_called_process_the_case_has_left_is_redone_and_the_case_runs_on():
    workflow, _ = _do(_started(), "a")
    workflow, b1 = _do(workflow, "b1", so=1)
    workflow, _ = _do(workflow, "b2")
    assert _ready(workflow) == ["c"]
    new_id, refusal = RUNNER.send_back(workflow, b1)
    assert refusal is None and new_id != b1
    workflow = _stored(workflow)
    assert _ready(workflow) == ["b1"]
    workflow, _ = _do(workflow, "b1", so=2)  # the called process's gateway runs again
    assert _ready(workflow) == ["b2"]
    workflow, _ = _do(workflow, "b2")
    assert _ready(workflow) == ["c"]  # and the caller goes on once it ends
    workflow, _ = _do(workflow, "c")
    assert RUNNER.is_completed(workflow)


def test_from_inside_a_called_process_the_case_goes_back_to_the_step_before_it():
    workflow, a = _do(_started(), "a", lan=1)
    workflow, _ = _do(workflow, "b1")
    assert _ready(workflow) == ["b2"]
    new_id, refusal = RUNNER.send_back(workflow, a)
    assert refusal is None
    workflow = _stored(workflow)
    assert _ready(workflow) == ["a"]
    workflow, _ = _do(workflow, "a", lan=2)
    assert _ready(workflow) == ["b1"]  # the called process starts afresh
    workflow, _ = _do(workflow, "b1")
    workflow, _ = _do(workflow, "b2")
    workflow, _ = _do(workflow, "c")
    assert RUNNER.is_completed(workflow)



def test_what_a_step_redone_records_reaches_the_steps_after_it_once_stored():
    """The serializer stores a task's data as its changes from its parent's, restored in the workflow's order
    of tasks: the redone task keeps its place (it had gone last, and every later step lost its data)."""
    workflow, _ = _do(_started(), "a")
    workflow, b1 = _do(workflow, "b1", so=1)
    RUNNER.send_back(workflow, b1)
    workflow, _ = _do(_stored(workflow), "b1", so=2)
    (b2,) = RUNNER.ready_user_tasks(workflow)
    assert b2.data["so"] == 2
