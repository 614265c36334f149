// The form editor: a form's fields (title, type, required, options, limits, help, confidential) edited in a
// table, the JSON Schema file of the package written from them, and a live preview rendered by the server
// exactly as the staff's task page renders the form (POST /admin/forms/preview). A field the table cannot
// show (an object, a `$ref`) is kept as it was.
import { context, saveFile } from './context.js';

const $ = (id) => document.getElementById(id);
const TYPES = ['string', 'text', 'integer', 'number', 'boolean', 'date', 'choice'];
let rows = [];
let onSaved = () => {};
let previewTimer = null;
let previewUrl = '';
let csrf = '';

function fieldFromSchema(name, prop, required) {
  const row = { name, title: prop.title || '', help: prop.description || '', required, confidential: !!prop['x-confidential'],
    min: '', max: '', options: '', raw: null };
  if (prop.oneOf || prop.enum) {
    row.type = 'choice';
    row.options = (prop.oneOf || prop.enum.map((v) => ({ const: v, title: String(v) })))
      .map((o) => o.const + ' = ' + (o.title || o.const)).join('\n');
  } else if (prop.type === 'string' && prop.format === 'date') row.type = 'date';
  else if (prop.type === 'string') {
    row.type = prop.maxLength > 500 ? 'text' : 'string';
    row.max = prop.maxLength !== undefined ? String(prop.maxLength) : '';
    row.min = prop.minLength !== undefined ? String(prop.minLength) : '';
  } else if (['integer', 'number'].includes(prop.type)) {
    row.type = prop.type;
    row.min = prop.minimum !== undefined ? String(prop.minimum) : '';
    row.max = prop.maximum !== undefined ? String(prop.maximum) : '';
  } else if (prop.type === 'boolean') row.type = 'boolean';
  else { row.type = 'raw'; row.raw = prop; }
  return row;
}

function propertyOf(row) {
  if (row.type === 'raw') return row.raw;
  const prop = { title: row.title || row.name };
  if (row.help) prop.description = row.help;
  const number = (text) => (text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text));
  if (row.type === 'choice') {
    prop.type = 'string';
    prop.oneOf = row.options.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
      const at = line.indexOf('=');
      const value = (at > 0 ? line.slice(0, at) : line).trim();
      return { const: value, title: (at > 0 ? line.slice(at + 1) : line).trim() || value };
    });
  } else if (row.type === 'date') Object.assign(prop, { type: 'string', format: 'date' });
  else if (row.type === 'string' || row.type === 'text') {
    prop.type = 'string';
    const max = number(row.max);
    prop.maxLength = max !== undefined ? max : (row.type === 'text' ? 2000 : 200);
    if (number(row.min) !== undefined) prop.minLength = number(row.min);
  } else if (row.type === 'integer' || row.type === 'number') {
    prop.type = row.type;
    if (number(row.min) !== undefined) prop.minimum = number(row.min);
    if (number(row.max) !== undefined) prop.maximum = number(row.max);
  } else prop.type = 'boolean';
  if (row.confidential) prop['x-confidential'] = true;
  return prop;
}

export function schemaText() {
  const schema = { type: 'object', title: $('form-title').value.trim() || $('form-name').value, properties: {} };
  if ($('form-description').value.trim()) schema.description = $('form-description').value.trim();
  const required = [];
  rows.filter((r) => r.name.trim()).forEach((row) => {
    schema.properties[row.name.trim()] = propertyOf(row);
    if (row.required) required.push(row.name.trim());
  });
  if (required.length) schema.required = required;
  return JSON.stringify(schema, null, 2) + '\n';
}

function input(row, key, attrs = {}) {
  const node = document.createElement(attrs.tag || 'input');
  if (attrs.type) node.type = attrs.type;
  node.setAttribute('aria-label', attrs.label);
  node.className = 'form-editor-' + key;
  if (node.type === 'checkbox') node.checked = !!row[key];
  else node.value = row[key] || '';
  node.addEventListener(node.type === 'checkbox' || node.tagName === 'SELECT' ? 'change' : 'input', () => {
    row[key] = node.type === 'checkbox' ? node.checked : node.value;
    if (key === 'type') render();
    schedulePreview();
  });
  return node;
}

function cell(child) {
  const td = document.createElement('td');
  if (child) td.appendChild(child);
  return td;
}

function render() {
  const body = $('form-fields');
  body.replaceChildren();
  const m = context.messages;
  rows.forEach((row, index) => {
    const tr = document.createElement('tr');
    const type = input(row, 'type', { tag: 'select', label: m.fieldType + ' ' + (index + 1) });
    [...TYPES, ...(row.type === 'raw' ? ['raw'] : [])].forEach((value) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = m['type_' + value] || value;
      type.appendChild(option);
    });
    type.value = row.type;
    const options = input(row, 'options', { tag: 'textarea', label: m.fieldOptions + ' ' + (index + 1) });
    options.rows = 2;
    options.hidden = row.type !== 'choice';
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.setAttribute('aria-label', m.fieldRemove + ' ' + (index + 1));
    remove.addEventListener('click', () => { rows.splice(index, 1); render(); schedulePreview(); });
    [input(row, 'name', { label: m.fieldName + ' ' + (index + 1) }), input(row, 'title', { label: m.fieldTitle + ' ' + (index + 1) }),
      type, input(row, 'required', { type: 'checkbox', label: m.fieldRequired + ' ' + (index + 1) }), options,
      input(row, 'min', { label: m.fieldMin + ' ' + (index + 1) }), input(row, 'max', { label: m.fieldMax + ' ' + (index + 1) }),
      input(row, 'help', { label: m.fieldHelp + ' ' + (index + 1) }),
      input(row, 'confidential', { type: 'checkbox', label: m.fieldConfidential + ' ' + (index + 1) }), remove]
      .forEach((node) => tr.appendChild(cell(node)));
    body.appendChild(tr);
  });
}

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 250);
}

async function preview() {
  const response = await fetch(previewUrl, { method: 'POST', credentials: 'same-origin', body: schemaText(),
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf } });
  if (response.ok) {
    $('form-preview').innerHTML = await response.text();  // the server's escaped rendering
  } else {  // why the form cannot be shown, as deploy would say it
    let error = {};
    try { error = (await response.json()).error || {}; } catch (e) { error = {}; }
    const note = document.createElement('p');
    note.className = 'error';
    note.setAttribute('role', 'alert');
    note.textContent = [error.message, ...Object.values(error.details || {})].filter(Boolean).join(' ');
    $('form-preview').replaceChildren(note);
  }
  $('form-preview').setAttribute('data-ready', 'true');
}

/** Open the editor on the form `name` (a file of the package, or a new one); `saved(name)` when saved. */
export function editForm(name, saved) {
  onSaved = saved;
  let schema = { title: '', properties: {} };
  try { schema = JSON.parse(context.files[name] || '{}'); } catch (e) { schema = { properties: {} }; }
  $('form-name').value = name;
  $('form-title').value = schema.title || '';
  $('form-description').value = schema.description || '';
  const required = new Set(schema.required || []);
  rows = Object.entries(schema.properties || {}).map(([field, prop]) => fieldFromSchema(field, prop, required.has(field)));
  if (!rows.length) rows.push({ name: '', title: '', type: 'string', required: false, min: '', max: '', help: '', options: '', confidential: false });
  render();
  $('form-preview').removeAttribute('data-ready');
  $('form-editor').showModal();
  preview();
}

export function setUpFormEditor(config) {
  previewUrl = config.formPreviewUrl;
  csrf = config.csrf;
  context.editForm = editForm;
  $('form-add-field').addEventListener('click', () => {
    rows.push({ name: '', title: '', type: 'string', required: false, min: '', max: '', help: '', options: '', confidential: false });
    render();
  });
  ['form-title', 'form-description'].forEach((id) => $(id).addEventListener('input', schedulePreview));
  $('form-cancel').addEventListener('click', () => $('form-editor').close());
  $('form-save').addEventListener('click', () => {
    const name = $('form-name').value.trim();
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*\.json$/.test(name)) {
      $('form-name').setAttribute('aria-invalid', 'true');
      $('form-name-error').hidden = false;  // says what a file name may be
      $('form-name').focus();
      return;
    }
    $('form-name').removeAttribute('aria-invalid');
    $('form-name-error').hidden = true;
    saveFile(name, schemaText());
    $('form-editor').close();
    onSaved(name);
  });
}
