// danchu's bpmnlint plugin: the rules deploy enforces (engine/definitions/lint.py), by the same names, so that
// the modeler shows as the administrator draws what the server would refuse. tests/lint/ holds a corpus of
// diagrams both judges must judge the same (rule and element). Connections are read from the sequence flows'
// sourceRef/targetRef within each scope, as the server reads them. The restricted evaluator exists once, in
// Python: `deadline` and `sandbox` ask for its verdict on each text (./verdicts.js), which the modeler fetches
// from the server; a text not judged yet is reported once its verdict arrives.
import { verdict } from './verdicts.js';

const ACTIVITIES = ['task', 'userTask', 'manualTask', 'scriptTask', 'serviceTask', 'sendTask', 'receiveTask',
  'businessRuleTask', 'callActivity', 'subProcess', 'transaction', 'adHocSubProcess'];
const EVENTS = ['startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent'];
const GATEWAYS = ['exclusiveGateway', 'inclusiveGateway', 'parallelGateway', 'eventBasedGateway', 'complexGateway'];
const FLOW_NODES = new Set([...ACTIVITIES, ...EVENTS, ...GATEWAYS]);
const SCOPES = new Set(['subProcess', 'transaction']);
const KINDS = ['calendar', 'working'];
const WHEN = /^document\.(\d+\.)?when$/; // a document's condition: document.when, document.2.when

let roles = new Set();
let texts = {};

/** The role codes a lane may be named after (the server's list, given by the page or the test). */
export function setRoles(codes) {
  roles = new Set(codes);
}

/** The page's translations of the rules' messages (engine/definitions/lint.py's LINT_TEXTS, Vietnamese ->
 * the reader's language); without them (the corpus test, a Vietnamese page) the rules speak Vietnamese. */
export function setTexts(translations) {
  texts = translations || {};
}

/** A rule's message, its `{placeholders}` filled: the same Vietnamese text as the server's, translated. */
function say(message, values = {}) {
  return (texts[message] || message).replace(/{(\w+)}/g, (_, key) => (key in values ? values[key] : '{' + key + '}'));
}

/** `bpmn:UserTask` -> `userTask`: the XML tag, as the server names elements. */
export function local(element) {
  const type = (element && element.$type) || '';
  return type.startsWith('bpmn:') ? type[5].toLowerCase() + type.slice(6) : '';
}

/** The `spiffworkflow:property` items of an element, as `element_properties` reads them. */
export function properties(element) {
  const found = {};
  const values = (element.extensionElements && element.extensionElements.values) || [];
  values.filter((v) => v.$type === 'spiffworkflow:Properties').forEach((container) => {
    (container.properties || []).forEach((p) => { if (p.name) found[p.name] = p.value || ''; });
  });
  return found;
}

export function extension(element, type) {
  const values = (element.extensionElements && element.extensionElements.values) || [];
  return values.filter((v) => v.$type === type);
}

function executableProcesses(definitions) {
  return (definitions.rootElements || []).filter((e) => local(e) === 'process' && e.isExecutable);
}

function allProcesses(definitions) {
  return (definitions.rootElements || []).filter((e) => local(e) === 'process');
}

/** Every element under a container, depth first, in document order. */
function descendants(container) {
  const found = [];
  (container.flowElements || []).forEach((element) => {
    found.push(element);
    if (element.flowElements) found.push(...descendants(element));
  });
  return found;
}

function scopesOf(process) {
  return [process, ...descendants(process).filter((e) => SCOPES.has(local(e)))];
}

function isEventSubprocess(node) {
  return local(node) === 'subProcess' && !!node.triggeredByEvent;
}

function isCompensation(node) {
  if (node.isForCompensation) return true;
  const definitions = node.eventDefinitions || [];
  return local(node) === 'boundaryEvent' && definitions.length === 1 &&
    definitions[0].$type === 'bpmn:CompensateEventDefinition';
}

function idOf(ref) {
  return ref && ref.id;
}

function push(map, key, value) {
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(value);
}

function structure(scope) {
  const nodes = (scope.flowElements || []).filter((e) => FLOW_NODES.has(local(e)));
  const flows = (scope.flowElements || []).filter((e) => local(e) === 'sequenceFlow');
  const incoming = new Map();
  const outgoing = new Map();
  flows.forEach((flow) => {
    push(outgoing, idOf(flow.sourceRef), idOf(flow.targetRef));
    push(incoming, idOf(flow.targetRef), idOf(flow.sourceRef));
  });
  const judged = nodes.filter((n) => !isEventSubprocess(n) && !isCompensation(n));
  const disconnected = new Set(judged.filter((n) => !(incoming.get(n.id) || []).length &&
    !(outgoing.get(n.id) || []).length).map((n) => n.id));
  return { nodes, flows, incoming, outgoing, judged, disconnected };
}

function reachable(nodes, outgoing) {
  const attached = new Map();
  nodes.filter((n) => local(n) === 'boundaryEvent').forEach((n) => push(attached, idOf(n.attachedToRef), n.id));
  const pending = nodes.filter((n) => local(n) === 'startEvent' || (local(n) === 'intermediateCatchEvent' &&
    (n.eventDefinitions || []).some((d) => d.$type === 'bpmn:LinkEventDefinition'))).map((n) => n.id);
  const reached = new Set();
  while (pending.length) {
    const current = pending.pop();
    if (reached.has(current)) continue;
    reached.add(current);
    pending.push(...(outgoing.get(current) || []), ...(attached.get(current) || []));
  }
  return reached;
}

/** A rule over the executable processes, reported by `report(id, message)`. */
function rule(name, checkProcess, overAll = false) {
  return function factory() {
    return {
      meta: { documentation: { url: 'docs/bpmn-conventions.md#lint' } },
      check(node, reporter) {
        if (node.$type !== 'bpmn:Definitions') return;
        const processes = overAll ? allProcesses(node) : executableProcesses(node);
        const report = (id, message) => reporter.report(id || '', message);
        if (overAll) checkProcess(processes, report, node);
        else processes.forEach((process) => checkProcess(process, report, node));
      },
    };
  };
}

const startEventRequired = rule('start-event-required', (process, report) => {
  scopesOf(process).forEach((scope) => {
    if (!(scope.flowElements || []).some((e) => local(e) === 'startEvent')) report(scope.id, say('Thiếu sự kiện bắt đầu: thêm một sự kiện bắt đầu và nối nó tới bước đầu tiên.'));
  });
});

const endEventRequired = rule('end-event-required', (process, report) => {
  scopesOf(process).forEach((scope) => {
    if (!(scope.flowElements || []).some((e) => local(e) === 'endEvent')) report(scope.id, say('Thiếu sự kiện kết thúc: thêm một sự kiện kết thúc và nối bước cuối tới nó.'));
  });
});

const noDisconnected = rule('no-disconnected', (process, report) => {
  scopesOf(process).forEach((scope) => {
    structure(scope).disconnected.forEach((id) => report(id, say('Phần tử không nối với luồng nào: nối nó vào quy trình hoặc xóa nó.')));
  });
});

const unreachable = rule('unreachable', (process, report) => {
  scopesOf(process).forEach((scope) => {
    const { nodes, outgoing, judged, disconnected } = structure(scope);
    const reached = reachable(nodes, outgoing);
    judged.filter((n) => !reached.has(n.id) && !disconnected.has(n.id))
      .forEach((n) => report(n.id, say('Không đi tới được phần tử này từ sự kiện bắt đầu: nối một luồng tới nó hoặc xóa nó.')));
  });
});

const superfluousGateway = rule('superfluous-gateway', (process, report) => {
  scopesOf(process).forEach((scope) => {
    const { nodes, incoming, outgoing } = structure(scope);
    nodes.filter((n) => GATEWAYS.includes(local(n)) && (incoming.get(n.id) || []).length === 1 &&
      (outgoing.get(n.id) || []).length === 1)
      .forEach((n) => report(n.id, say('Cổng chỉ có một luồng vào và một luồng ra, không rẽ nhánh gì: xóa cổng hoặc thêm nhánh.')));
  });
});

const conditionalFlows = rule('conditional-flows', (process, report) => {
  scopesOf(process).forEach((scope) => {
    const { nodes, flows } = structure(scope);
    nodes.filter((n) => ['exclusiveGateway', 'inclusiveGateway'].includes(local(n)) && !n.default).forEach((gateway) => {
      const out = flows.filter((f) => idOf(f.sourceRef) === gateway.id);
      const bare = out.filter((f) => !f.conditionExpression).map((f) => f.id);
      if (out.length >= 2 && bare.length) {
        report(gateway.id, say('Cổng rẽ nhánh cần luồng mặc định hoặc điều kiện trên mọi nhánh (thiếu: {flows}): ghi điều kiện cho các nhánh ấy hoặc chọn một nhánh mặc định.',
          { flows: bare.join(', ') }));
      }
    });
  });
});

function userTasks(container) {
  return descendants(container).filter((e) => local(e) === 'userTask');
}

/** The lane name of each flow node a lane lists; a nested lane's name wins (document order). */
export function lanesOf(process) {
  const laneOf = new Map();
  const visitSets = (sets) => (sets || []).forEach((set) => (set.lanes || []).forEach((lane) => {
    (lane.flowNodeRef || []).forEach((ref) => laneOf.set(ref.id, lane.name || ''));
    visitSets(lane.childLaneSet ? [lane.childLaneSet] : []);
  }));
  visitSets(process.laneSets);
  descendants(process).forEach((element) => visitSets(element.laneSets));
  return laneOf;
}

const userTaskForm = rule('user-task-form', (process, report) => {
  userTasks(process).forEach((task) => {
    if (!(properties(task).formJsonSchemaFilename || '').trim()) {
      report(task.id, say('Công việc người dùng cần một biểu mẫu: chọn hoặc tạo biểu mẫu ở nhóm Công việc (danchu) của bảng thuộc tính.'));
    }
  });
});

const laneRole = rule('lane-role', (process, report) => {
  const laneOf = lanesOf(process);
  userTasks(process).forEach((task) => {
    if (!laneOf.has(task.id)) report(task.id, say('Công việc người dùng phải nằm trong một làn: kéo nó vào làn của vai trò làm việc này.'));
    else if (!roles.has(laneOf.get(task.id))) {
      report(task.id, say('Tên làn {role} không phải là mã vai trò đã biết: chọn vai trò của làn trong bảng thuộc tính.',
        { role: "'" + laneOf.get(task.id).slice(0, 40) + "'" }));
    }
  });
});

function judged(report, owner, kind, text, label) {
  const messages = verdict(kind, text);
  (messages || []).forEach((message) => report(owner, (label ? label + ': ' : '') + message));
}

function timerTexts(processes) {
  const found = [];
  processes.forEach((process) => descendants(process).forEach((element) => {
    (element.eventDefinitions || []).filter((d) => d.$type === 'bpmn:TimerEventDefinition').forEach((d) => {
      ['timeDuration', 'timeDate', 'timeCycle'].forEach((key) => {
        if (d[key]) found.push([element.id, d[key].body || '']);
      });
    });
  }));
  return found;
}

const deadline = rule('deadline', (processes, report) => {
  processes.filter((p) => p.isExecutable).forEach((process) => {
    const props = properties(process);
    ['caseDeadlineDays', 'caseDeadlineFrom'].forEach((key) => {
      if (key in props) judged(report, process.id, 'expression', props[key], key);
    });
    if ('caseDeadlineFrom' in props && !('caseDeadlineDays' in props)) report(process.id, 'caseDeadlineFrom cần có caseDeadlineDays.');
    if (!KINDS.includes(props.caseDeadlineKind ?? 'calendar')) report(process.id, "caseDeadlineKind phải là 'calendar' hoặc 'working'.");
    const hasCaseDeadline = 'caseDeadlineDays' in props;
    userTasks(process).forEach((task) => {
      const p = properties(task);
      const kind = p.deadlineKind ?? 'calendar';
      if (!KINDS.includes(kind) && !KINDS.includes(props['param.' + kind])) {
        report(task.id, "deadlineKind phải là 'calendar', 'working' hoặc tên một tham số (param.*) có giá trị 'calendar' hoặc 'working'.");
      }
      ['extendsCaseDeadline', 'extensionReason'].forEach((key) => {
        if (key in p) judged(report, task.id, 'expression', p[key], key);
      });
      if ('extensionReason' in p && !('extendsCaseDeadline' in p)) report(task.id, 'extensionReason cần có extendsCaseDeadline.');
      const follows = (p.deadlineCase || '').toLowerCase();
      if ('deadlineCase' in p && !['true', 'false'].includes(follows)) report(task.id, "deadlineCase phải là 'true' hoặc 'false'.");
      if (('extendsCaseDeadline' in p || follows === 'true') && !hasCaseDeadline) {
        report(task.id, 'Quy trình chưa khai báo hạn của hồ sơ (caseDeadlineDays).');
      }
      if (follows === 'true' && 'deadlineDays' in p) report(task.id, 'Chỉ dùng một trong deadlineCase và deadlineDays.');
    });
    const texts = [[process.id, props.caseDeadlineDays || ''], [process.id, props.caseDeadlineFrom || ''], ...timerTexts(processes)];
    texts.forEach(([owner, text]) => judged(report, owner, 'calendar', text));
  });
  processes.forEach((process) => userTasks(process).forEach((task) => {
    const p = properties(task);
    ['deadlineDays', 'deadlineFrom'].forEach((key) => { if (key in p) judged(report, task.id, 'expression', p[key], key); });
  }));
}, true);

const sandbox = rule('sandbox', (processes, report) => {
  processes.forEach((process) => descendants(process).forEach((element) => {
    if (local(element) === 'sequenceFlow' && element.conditionExpression) {
      judged(report, element.id, 'expression', element.conditionExpression.body || '', 'Điều kiện');
    }
    if (local(element) === 'scriptTask' && element.script !== undefined) judged(report, element.id, 'script', element.script || '', 'Kịch bản');
    if (local(element) === 'userTask') {
      const p = properties(element);
      Object.keys(p).filter((key) => WHEN.test(key)).sort()
        .forEach((key) => judged(report, element.id, 'expression', p[key], key));
    }
    extension(element, 'spiffworkflow:PreScript').forEach((s) => judged(report, element.id, 'script', s.value || '', 'preScript'));
    extension(element, 'spiffworkflow:PostScript').forEach((s) => judged(report, element.id, 'script', s.value || '', 'postScript'));
    extension(element, 'spiffworkflow:ServiceTaskOperator').forEach((operator) => {
      ((operator.parameterList && operator.parameterList.parameters) || []).forEach((param) => {
        judged(report, element.id, 'expression', param.value || '', 'Tham số ' + param.id);
      });
    });
  }));
  timerTexts(processes).forEach(([owner, text]) => judged(report, owner, 'timer', text, 'Hẹn giờ'));
}, true);

export const RULES = {
  'start-event-required': startEventRequired,
  'end-event-required': endEventRequired,
  'no-disconnected': noDisconnected,
  unreachable,
  'superfluous-gateway': superfluousGateway,
  'conditional-flows': conditionalFlows,
  'user-task-form': userTaskForm,
  'lane-role': laneRole,
  deadline,
  sandbox,
};

/** bpmnlint's configuration and resolver for the plugin: every rule an error, as deploy refuses them. */
export const CONFIG = { rules: Object.fromEntries(Object.keys(RULES).map((name) => ['danchu/' + name, 'error'])) };
export const RESOLVER = {
  resolveRule(pkg, name) {
    if (pkg !== 'bpmnlint-plugin-danchu' || !RULES[name]) throw new Error('unknown rule <' + pkg + '/' + name + '>');
    return RULES[name];
  },
  resolveConfig(pkg, name) {
    throw new Error('unknown config <' + pkg + '/' + name + '>');
  },
};
