// The administrator's modeler: edit a version's diagram, check it with the server's deploy-time validation
// (problems shown on the elements they concern), deploy it as a new version, download or open a file.
import Modeler from 'bpmn-js/lib/Modeler';

const config = JSON.parse(document.getElementById('modeler-config').textContent);
const t = config.messages;
const $ = (id) => document.getElementById(id);
const modeler = new Modeler({ container: $('diagram') }); // keyboard shortcuts: bpmn-js binds them itself
const canvas = modeler.get('canvas');
const registry = modeler.get('elementRegistry');
const overlays = modeler.get('overlays');
const selection = modeler.get('selection');
const modeling = modeler.get('modeling');
const eventBus = modeler.get('eventBus');
let marked = [];

function status(text, kind) {
  const node = $('modeler-status');
  node.textContent = text;
  node.className = 'status' + (kind ? ' status-' + kind : '');
}

const EDITABLE = /^bpmn:(.*Task|StartEvent|EndEvent|IntermediateCatchEvent|IntermediateThrowEvent|BoundaryEvent|.*Gateway|SubProcess|CallActivity|Lane|Participant|SequenceFlow)$/;

function fillElementList() {
  const select = $('element-select');
  const current = select.value;
  select.innerHTML = '';
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
  $('element-type').textContent = element ? element.type.replace('bpmn:', '') : '';
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
  $('problems').innerHTML = '';
}

function showProblems(problems) {
  clearProblems();
  const list = $('problems');
  problems.forEach((problem) => {
    const item = document.createElement('li');
    const element = problem.element && registry.get(problem.element);
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
  if (first) focusOn(first);
}

async function currentXml() {
  const { xml } = await modeler.saveXML({ format: true });
  return xml;
}

async function post(url) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/xml', 'X-CSRFToken': config.csrf, Accept: 'application/json' },
    body: await currentXml(),
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

async function deploy() {
  status(t.deploying);
  const { ok, body } = await post(config.deployUrl);
  if (ok) {
    clearProblems();
    const text = body.created ? t.deployed.replace('{n}', body.version) : t.unchanged.replace('{n}', body.version);
    status(text, 'ok');
    const link = $('deployed-link');
    link.href = body.url;
    link.hidden = false;
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
  $('diagram').setAttribute('data-ready', 'true');
}

eventBus.on('selection.changed', ({ newSelection }) => showElement(newSelection.length === 1 ? newSelection[0].id : null));
eventBus.on('elements.changed', () => {
  fillElementList();
  const chosen = $('element-select').value;
  if (chosen && document.activeElement !== $('element-name')) showElement(chosen);
});
$('element-select').addEventListener('change', (event) => {
  const element = registry.get(event.target.value);
  if (element) { selection.select(element); focusOn(element); } else showElement(null);
});
$('element-name').addEventListener('change', (event) => {
  const element = registry.get($('element-select').value);
  if (element) modeling.updateLabel(element, event.target.value);
});
$('btn-validate').addEventListener('click', validate);
$('btn-deploy').addEventListener('click', deploy);
$('btn-download').addEventListener('click', download);
$('file-open').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (file) await load(await file.text());
});

fetch(config.xmlUrl, { credentials: 'same-origin' })
  .then((response) => response.text())
  .then(load)
  .catch((error) => status(t.loadFailed + ' ' + error.message, 'error'));
window.danchuModeler = modeler;
