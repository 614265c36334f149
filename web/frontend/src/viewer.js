// The auditor's diagram: the case's version, read-only, with the path taken and the current step marked.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

function readConfig() {
  const node = document.getElementById('viewer-config');
  return node ? JSON.parse(node.textContent) : null;
}

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

// A lane is named by its role's code (the engine assigns its steps by it): people read the role's title.
function withRoleTitles(xml, titles) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  Array.from(doc.getElementsByTagNameNS(BPMN_NS, 'lane')).forEach((lane) => {
    const title = titles[lane.getAttribute('name')];
    if (title) lane.setAttribute('name', title);
  });
  return new XMLSerializer().serializeToString(doc);
}

async function show(config) {
  const container = document.getElementById('diagram');
  const viewer = new NavigatedViewer({ container });
  const xml = await (await fetch(config.xmlUrl, { credentials: 'same-origin' })).text();
  await viewer.importXML(config.roleTitles ? withRoleTitles(xml, config.roleTitles) : xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const mark = (id, cls) => { if (registry.get(id)) canvas.addMarker(id, cls); };
  config.completed.forEach((id) => mark(id, 'danchu-done'));
  (config.active || []).forEach((id) => mark(id, 'danchu-active'));
  config.current.forEach((id) => mark(id, 'danchu-current'));
  // The flows the engine recorded as taken, never guessed from the elements at their ends.
  (config.flows || []).forEach((id) => mark(id, 'danchu-done'));
  canvas.zoom('fit-viewport');
  container.setAttribute('data-ready', 'true');
  window.danchuViewer = viewer;
}

const config = readConfig();
if (config) {
  show(config).catch((error) => {
    const status = document.getElementById('diagram-status');
    if (status) status.textContent = config.messages.loadFailed + ' ' + error.message;
  });
}
