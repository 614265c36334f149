// The administrator's modeler: edit a version's diagram with a properties panel (danchu's properties,
// ./properties.js) and a form editor (./form-editor.js); lint it as it is drawn (bpmnlint with danchu's rules,
// ./lint/rules.js, the scripts judged by the server's sandbox); check it with the whole deploy-time validation;
// deploy it after a preview of what changes (steps added, removed and changed, drawn on the diagram with
// bpmn-js-differ, and the running cases left on older versions); download or open a file.
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import { Linter } from 'bpmnlint';
import { diff } from 'bpmn-js-differ';
import spiffworkflow from './spiffworkflow.json';
import { DanchuPropertiesModule } from './properties.js';
import { setUpFormEditor } from './form-editor.js';
import { CONFIG, RESOLVER, setRoles, setTexts } from './lint/rules.js';
import { pending, remember } from './lint/verdicts.js';
import { configure, context } from './context.js';

const config = JSON.parse(document.getElementById('modeler-config').textContent);
configure(config);
setRoles(config.roles.map((r) => r.value));
setTexts(config.lintTexts);
const t = config.messages;
const $ = (id) => document.getElementById(id);
// bpmn-js's own words (the panel's groups, the palette's tooltips) in the page's language, from the server.
function translate(template, replacements) {
  const text = (config.bpmnTexts || {})[template] || template;
  return text.replace(/{([^}]+)}/g, (_, key) => (replacements && key in replacements ? replacements[key] : '{' + key + '}'));
}
const roleTitle = (code) => (config.roles.find((r) => r.value === code) || {}).label || code;
const modeler = new Modeler({
  container: $('diagram'),
  propertiesPanel: { parent: '#properties' },
  additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, DanchuPropertiesModule,
    { translate: ['value', translate] }],
  moddleExtensions: { spiffworkflow },
});
const canvas = modeler.get('canvas');
const registry = modeler.get('elementRegistry');
const overlays = modeler.get('overlays');
const selection = modeler.get('selection');
const modeling = modeler.get('modeling');
const eventBus = modeler.get('eventBus');
const linter = new Linter({ config: CONFIG, resolver: RESOLVER });
let marked = [];
let diffMarked = [];

function status(text, kind) {
  const node = $('modeler-status');
  node.textContent = text;
  node.className = 'status' + (kind ? ' status-' + kind : '');
}

const EDITABLE = /^bpmn:(.*Task|StartEvent|EndEvent|IntermediateCatchEvent|IntermediateThrowEvent|BoundaryEvent|.*Gateway|SubProcess|CallActivity|Lane|Participant|SequenceFlow)$/;

function fillElementList() {
  const select = $('element-select');
  const current = select.value;
  select.replaceChildren();
  const elements = registry.filter((el) => EDITABLE.test(el.type) && !el.labelTarget);
  elements.sort((a, b) => (a.businessObject.name || a.id).localeCompare(b.businessObject.name || b.id, 'vi'));
  const empty = document.createElement('option');
  empty.value = '';
  empty.textContent = t.chooseElement;
  select.appendChild(empty);
  elements.forEach((el) => {
    const option = document.createElement('option');
    option.value = el.id;
    option.textContent = (el.businessObject.name || '—') + ' (' + el.id + ')';
    select.appendChild(option);
  });
  select.value = registry.get(current) ? current : '';
}

function showElement(id) {
  const element = id ? registry.get(id) : null;
  $('element-select').value = element ? id : '';
  $('element-name').value = element ? (element.businessObject.name || '') : '';
  $('element-name').disabled = !element;
  const kind = element ? element.type.replace('bpmn:', '') : '';
  $('element-type').textContent = (config.elementKinds || {})[kind] || kind;
}

// Center an element at a readable zoom (scrollToElement may leave it under the palette).
function focusOn(element) {
  if (canvas.zoom() < 0.9) canvas.zoom(1);
  const box = canvas.viewbox();
  const x = element.x + (element.width || 0) / 2;
  const y = element.y + (element.height || 0) / 2;
  canvas.viewbox({ x: x - box.width / 2, y: y - box.height / 2, width: box.width, height: box.height });
}

function clearProblems() {
  marked.forEach((id) => canvas.removeMarker(id, 'danchu-error'));
  marked = [];
  overlays.remove({ type: 'danchu-problem' });
  $('problems').replaceChildren();
}

function showProblems(problems, focus = true) {
  clearProblems();
  const list = $('problems');
  problems.forEach((problem) => {
    const item = document.createElement('li');
    const element = problem.element && registry.get(problem.element);
    if (problem.rule) item.setAttribute('data-rule', problem.rule);
    if (element) {
      if (!marked.includes(element.id)) {
        canvas.addMarker(element.id, 'danchu-error');
        marked.push(element.id);
        const badge = document.createElement('div');
        badge.className = 'danchu-problem-badge';
        badge.textContent = '!';
        badge.title = problem.message;
        overlays.add(element.id, 'danchu-problem', { position: { top: -12, right: 12 }, html: badge });
      }
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = (element.businessObject.name || element.id) + ' (' + element.id + ')';
      button.addEventListener('click', () => { selection.select(element); focusOn(element); });
      item.appendChild(button);
      item.appendChild(document.createTextNode(': ' + problem.message));
    } else {
      item.textContent = (problem.element ? problem.element + ': ' : '') + problem.message;
    }
    list.appendChild(item);
  });
  const first = problems.map((p) => p.element && registry.get(p.element)).find(Boolean);
  if (first && focus) focusOn(first);
}

// --- lint as the administrator draws ------------------------------------------------------------------

let lintTimer = null;
let verdictRequest = null;

async function lint() {
  const results = await linter.lint(modeler.getDefinitions());
  const problems = [];
  Object.entries(results).forEach(([rule, reports]) => reports.forEach((r) => problems.push({ rule, element: r.id, message: r.message })));
  if (pending().length || verdictRequest) { requestVerdicts(); }
  showProblems(problems, false);
  $('lint-status').textContent = problems.length ? t.lintProblems.replace('{n}', problems.length) : t.lintClean;
  $('lint-status').setAttribute('data-problems', String(problems.length));
  return problems;
}

function scheduleLint() {
  clearTimeout(lintTimer);
  lintTimer = setTimeout(lint, 300);
}

/** Ask the server's sandbox about the texts lint has no verdict on yet, then lint again. */
function requestVerdicts() {
  if (verdictRequest) return;
  verdictRequest = setTimeout(async () => {
    const items = pending();
    if (items.length) {
      const response = await fetch(config.verdictsUrl, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': config.csrf }, body: JSON.stringify({ items }) });
      if (response.ok) remember((await response.json()).items);
    }
    verdictRequest = null;
    eventBus.fire('danchu.verdicts.changed');
    if (items.length) scheduleLint();
  }, 200);
}
context.requestVerdicts = requestVerdicts;

// --- check, preview, deploy ----------------------------------------------------------------------------

async function currentXml() {
  const { xml } = await modeler.saveXML({ format: true });
  return xml;
}

async function post(url) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': config.csrf, Accept: 'application/json' },
    body: JSON.stringify({ bpmn: await currentXml(), files: context.edited }),
  });
  let body = {};
  try { body = await response.json(); } catch (e) { body = {}; }
  return { ok: response.ok, status: response.status, body };
}

function problemsOf(body) {
  return (body.error && body.error.details && body.error.details.problems) || body.problems || [];
}

async function validate() {
  status(t.checking);
  const { ok, body } = await post(config.validateUrl);
  const problems = problemsOf(body);
  showProblems(problems);
  if (ok && problems.length === 0) status(t.valid, 'ok');
  else status(problems.length ? t.problems.replace('{n}', problems.length) : (body.error ? body.error.message : t.failed), 'error');
}

function listItems(id, items) {
  const list = $(id);
  list.replaceChildren();
  items.forEach((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    list.appendChild(li);
  });
  list.closest('section').hidden = items.length === 0;
}

function clearDiff() {
  diffMarked.forEach(([id, marker]) => canvas.removeMarker(id, marker));
  diffMarked = [];
}

async function drawDiff() {
  clearDiff();
  const response = await fetch(config.latestXmlUrl, { credentials: 'same-origin' });
  const { rootElement } = await modeler.get('moddle').fromXML(await response.text(), 'bpmn:Definitions');
  const changes = diff(rootElement, modeler.getDefinitions());
  const mark = (ids, marker) => ids.filter((id) => registry.get(id)).forEach((id) => { canvas.addMarker(id, marker); diffMarked.push([id, marker]); });
  mark(Object.keys(changes._added), 'danchu-diff-added');
  mark(Object.keys(changes._changed), 'danchu-diff-changed');
  return changes;
}

async function askToDeploy() {
  status(t.preparing);
  const { ok, body } = await post(config.previewUrl);
  if (!ok) { status(body.error ? body.error.message : t.failed, 'error'); return; }
  const problems = problemsOf(body);
  if (problems.length) {
    showProblems(problems);
    status(t.problems.replace('{n}', problems.length), 'error');
    return;
  }
  const changes = await drawDiff();
  const d = body.diff || {};
  listItems('diff-added', (d.added || []).map((e) => (e.name || '—') + ' (' + e.id + ')' + (e.lane ? ' · ' + roleTitle(e.lane) : '')));
  listItems('diff-removed', (d.removed || []).map((e) => (e.name || '—') + ' (' + e.id + ')'));
  const changed = [...(d.renamed || []).map((e) => e.id + ': ' + e.old_name + ' → ' + e.new_name),
    ...(d.lane_changes || []).map((e) => e.id + ': ' + roleTitle(e.old_lane) + ' → ' + roleTitle(e.new_lane)),
    ...(d.property_changes || []).map((c) => (c.element || t.process) + ' · ' + (t[c.name] || c.name) + ': ' + (c.old ?? '—') + ' → ' + (c.new ?? '—')),
    ...(d.condition_changes || []).filter((c) => c.old || c.new).map((c) => c.name + ': ' + (c.old || '—') + ' → ' + (c.new || '—')),
    ...(d.file_changes || []).map((f) => f.name + ' (' + (t['file_' + f.change] || f.change) + ')')];
  listItems('diff-changed', changed);
  const nothing = !(d.added || []).length && !(d.removed || []).length && !changed.length;
  $('diff-none').hidden = !nothing;  // say so before asking, rather than show empty lists
  $('diff-drawn').textContent = t.diffDrawn.replace('{added}', Object.keys(changes._added).length)
    .replace('{changed}', Object.keys(changes._changed).length);
  $('deploy-running').textContent = body.running_total
    ? t.running.replace('{n}', body.running_total).replace('{versions}', Object.entries(body.running).map(([v, n]) => t.versionCount.replace('{v}', v).replace('{n}', n)).join(', '))
    : t.noRunning;
  status('');
  $('deploy-dialog').showModal();
}

async function deploy() {
  $('deploy-dialog').close();
  clearDiff();
  status(t.deploying);
  const { ok, body } = await post(config.deployUrl);
  if (ok) {
    clearProblems();
    const text = body.created ? t.deployed.replace('{n}', body.version) : t.unchanged.replace('{n}', body.version);
    status(text, 'ok');
    $('deployed-link').href = body.url;
    $('deployed-link').hidden = false;
    $('migrations-link').hidden = !body.created;
    return;
  }
  const problems = problemsOf(body);
  showProblems(problems);
  status(problems.length ? t.problems.replace('{n}', problems.length) : (body.error ? body.error.message : t.failed), 'error');
}

async function download() {
  const blob = new Blob([await currentXml()], { type: 'application/xml' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = config.fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

async function load(xml) {
  clearProblems();
  await modeler.importXML(xml);
  canvas.zoom('fit-viewport');
  fillElementList();
  showElement(null);
  await lint();
  $('diagram').setAttribute('data-ready', 'true');
}

eventBus.on('selection.changed', ({ newSelection }) => showElement(newSelection.length === 1 ? newSelection[0].id : null));
eventBus.on('elements.changed', () => {
  fillElementList();
  const chosen = $('element-select').value;
  if (chosen && document.activeElement !== $('element-name')) showElement(chosen);
});
eventBus.on('commandStack.changed', scheduleLint);
$('element-select').addEventListener('change', (event) => {
  const element = registry.get(event.target.value);
  if (element) { selection.select(element); focusOn(element); } else showElement(null);
});
$('element-name').addEventListener('change', (event) => {
  const element = registry.get($('element-select').value);
  if (element) modeling.updateLabel(element, event.target.value);
});
$('btn-validate').addEventListener('click', validate);
$('btn-deploy').addEventListener('click', askToDeploy);
$('deploy-confirm').addEventListener('click', deploy);
$('deploy-cancel').addEventListener('click', () => { $('deploy-dialog').close(); clearDiff(); });
$('btn-download').addEventListener('click', download);
$('file-open').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (file) await load(await file.text());
});
setUpFormEditor(config);

fetch(config.xmlUrl, { credentials: 'same-origin' })
  .then((response) => response.text())
  .then(load)
  .catch((error) => status(t.loadFailed + ' ' + error.message, 'error'));
window.danchuModeler = modeler;
