// danchu's properties for bpmn-js-properties-panel: what docs/bpmn-conventions.md documents, written as the
// `spiffworkflow:` extension elements SpiffWorkflow and the deploy-time validation read. A user task's form,
// instructions, deadline and the document it issues (`document.*`, its condition `document.when` with the
// evaluator's verdict); a lane's role; a script task's script, a flow's condition, pre- and post-scripts
// (each with the restricted evaluator's verdict shown under it); a message event's variable, who may send the
// message and its form (the process's `message.<name>.roles`/`.form`); the process's
// start form, roles, legal basis, case deadline and parameters. bpmn-js's own groups (name, id,
// documentation, messages, timers) stay as they are.
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import {
  CheckboxEntry, SelectEntry, TextAreaEntry, TextFieldEntry,
  isCheckboxEntryEdited, isSelectEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { extension, properties } from './lint/rules.js';
import { verdict } from './lint/verdicts.js';
import { context } from './context.js';

const t = (key) => context.messages[key] || key;

// --- writing the extension elements -------------------------------------------------------------------

function extensionCommands(bpmnFactory, element, bo) {
  const commands = [];
  let ext = bo.extensionElements;
  if (!ext) {
    ext = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    ext.$parent = bo;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: ext } } });
  }
  return { ext, commands };
}

function run(commandStack, commands) {
  if (commands.length) commandStack.execute('properties-panel.multi-command-executor', commands);
}

/** Set (or, with an empty value, remove) the `spiffworkflow:property` `name` of `bo`. */
export function setProperty(injector, element, bo, name, value) {
  const bpmnFactory = injector.get('bpmnFactory');
  const { ext, commands } = extensionCommands(bpmnFactory, element, bo);
  let container = (ext.values || []).find((v) => v.$type === 'spiffworkflow:Properties');
  if (!container) {
    if (value === '' || value === undefined || value === null) return;
    container = bpmnFactory.create('spiffworkflow:Properties', { properties: [] });
    container.$parent = ext;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values: [...(ext.values || []), container] } } });
  }
  const list = container.properties || [];
  const existing = list.find((p) => p.name === name);
  if (value === '' || value === undefined || value === null) {
    if (existing) commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: container, properties: { properties: list.filter((p) => p !== existing) } } });
  } else if (existing) {
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: existing, properties: { value } } });
  } else {
    const created = bpmnFactory.create('spiffworkflow:Property', { name, value });
    created.$parent = container;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: container, properties: { properties: [...list, created] } } });
  }
  run(injector.get('commandStack'), commands);
}

/** Set (or remove) a body extension element (`spiffworkflow:InstructionsForEndUser`, `PreScript`, ...). */
export function setBody(injector, element, bo, type, value) {
  const bpmnFactory = injector.get('bpmnFactory');
  const { ext, commands } = extensionCommands(bpmnFactory, element, bo);
  const existing = extension(bo, type)[0];
  if (!value) {
    if (existing) commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values: ext.values.filter((v) => v !== existing) } } });
  } else if (existing) {
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: existing, properties: { value } } });
  } else {
    const created = bpmnFactory.create(type, { value });
    created.$parent = ext;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values: [...(ext.values || []), created] } } });
  }
  run(injector.get('commandStack'), commands);
}

// --- entries -------------------------------------------------------------------------------------------

/** `name` is a property's name, or a function of the element giving it (a message's `message.<name>.roles`). */
const nameOf = (name, element) => (typeof name === 'function' ? name(element) : name);

function propertyField({ element, id, label, name: named, target, description, area }) {
  const injector = useService('injector');
  const debounce = useService('debounceInput');
  const bo = target(element);
  const name = nameOf(named, element);
  const props = {
    element, id, label, description, debounce,
    getValue: () => properties(bo)[name] || '',
    setValue: (value) => setProperty(injector, element, bo, name, (value || '').trim() ? value : ''),
  };
  return area ? jsx(TextAreaEntry, { ...props, rows: 3 }) : jsx(TextFieldEntry, props);
}

function propertySelect({ element, id, label, name: named, target, options }) {
  const injector = useService('injector');
  const bo = target(element);
  const name = nameOf(named, element);
  return jsx(SelectEntry, {
    element, id, label,
    getValue: () => properties(bo)[name] || '',
    setValue: (value) => setProperty(injector, element, bo, name, value),
    getOptions: () => options(bo),
  });
}

function bodyField({ element, id, label, type, target, rows }) {
  const injector = useService('injector');
  const debounce = useService('debounceInput');
  const bo = target(element);
  return jsx(TextAreaEntry, {
    element, id, label, debounce, rows: rows || 3, monospace: type !== 'spiffworkflow:InstructionsForEndUser',
    getValue: () => (extension(bo, type)[0] || {}).value || '',
    setValue: (value) => setBody(injector, element, bo, type, value),
  });
}

/** The restricted evaluator's verdict on a text, under its field: asked of the server, shown when known. */
function VerdictNote({ element, id, kind, text }) {
  const eventBus = useService('eventBus');
  const [, setTick] = useState(0);
  useEffect(() => {
    const refresh = () => setTick((n) => n + 1);
    eventBus.on('danchu.verdicts.changed', refresh);
    return () => eventBus.off('danchu.verdicts.changed', refresh);
  }, [eventBus]);
  const value = text(element);
  if (!value) return null;
  const messages = verdict(kind, value);
  if (messages === null) {
    context.requestVerdicts();
    return null;
  }
  if (!messages.length) return jsx('div', { class: 'danchu-verdict danchu-verdict-ok', id, children: t('sandboxOk') });
  return jsx('div', { class: 'bio-properties-panel-error danchu-verdict', id, role: 'alert', children: messages.join(' ') });
}

function entry(id, element, component, isEdited, extra = {}) {
  return { id, element, isEdited, component: (props) => component({ ...props, ...extra, id }) };
}

const own = (element) => getBusinessObject(element);
const processOf = (element) => {
  const bo = getBusinessObject(element);
  return is(bo, 'bpmn:Participant') ? bo.processRef : bo;
};

function formOptions(bo) {
  const current = properties(bo).formJsonSchemaFilename || properties(bo).startForm;
  const names = new Set([...Object.keys(context.files), ...(current ? [current] : [])]);
  return [{ value: '', label: t('noForm') },
    ...[...names].filter((n) => n.endsWith('.json')).sort().map((n) => ({ value: n, label: n }))];
}

function FormButton({ element, id, name }) {
  const bo = own(element);
  const injector = useService('injector');
  const open = () => {
    const current = properties(bo)[name];
    const suggested = context.processId + '-' + (is(bo, 'bpmn:Process') ? 'mo_ho_so' : bo.id) + '.schema.json';
    context.editForm(current || suggested, (saved) => setProperty(injector, element, bo, name, saved));
  };
  return jsx('div', { class: 'bio-properties-panel-entry', children: jsx('button', {
    type: 'button', class: 'danchu-form-button', id, onClick: open,
    children: properties(bo)[name] ? t('editForm') : t('newForm') }) });
}

function kindOptions(bo, process) {
  const params = Object.entries(properties(process)).filter(([k, v]) => k.startsWith('param.') && ['calendar', 'working'].includes(v));
  return [{ value: '', label: t('calendar') + ' (calendar)' }, { value: 'working', label: t('working') + ' (working)' },
    ...params.map(([k, v]) => ({ value: k.slice(6), label: k.slice(6) + ' = ' + v }))];
}

function followsCase({ element, id }) {
  const injector = useService('injector');
  const bo = own(element);
  return jsx(CheckboxEntry, {
    element, id, label: t('deadlineCase'),
    getValue: () => (properties(bo).deadlineCase || '').toLowerCase() === 'true',
    setValue: (value) => setProperty(injector, element, bo, 'deadlineCase', value ? 'true' : ''),
  });
}

const processAbove = (bo) => { let p = bo.$parent; while (p && !is(p, 'bpmn:Process')) p = p.$parent; return p || bo; };

function roleOptions() {
  return [{ value: '', label: '—' }, ...context.roles.map((r) => ({ value: r.value, label: r.label + ' (' + r.value + ')' }))];
}

/** The document a step issues (`document.*`, "Documents a step issues" in the conventions). */
function documentEntries(element) {
  const field = (id, name, label, extra = {}) => entry(id, element, propertyField, isTextFieldEntryEdited, { label, name, target: own, ...extra });
  return [
    field('danchu-document-symbol', 'document.symbol', t('documentSymbol'), { description: t('documentSymbolHelp') }),
    field('danchu-document-issuer', 'document.issuer', t('documentIssuer')),
    field('danchu-document-number-field', 'document.numberField', t('documentNumberField')),
    field('danchu-document-date-field', 'document.dateField', t('documentDateField')),
    field('danchu-document-template', 'document.template', t('documentTemplate'), { description: t('documentTemplateHelp') }),
    field('danchu-document-when', 'document.when', t('documentWhen'), { description: t('documentWhenHelp') }),
    entry('danchu-document-when-check', element, VerdictNote, () => false, { kind: 'expression', text: (el) => properties(own(el))['document.when'] }),
    entry('danchu-document-signer-role', element, propertySelect, isSelectEntryEdited, { label: t('documentSignerRole'), name: 'document.signerRole', target: own, options: roleOptions }),
    field('danchu-document-authority', 'document.authority', t('documentAuthority')),
    field('danchu-document-signer-title', 'document.signerTitle', t('documentSignerTitle')),
    field('danchu-document-field', 'document.field', t('documentField')),
  ];
}

function userTaskEntries(element) {
  const process = processAbove;
  return [
    entry('danchu-form', element, propertySelect, isSelectEntryEdited, { label: t('form'), name: 'formJsonSchemaFilename', target: own, options: formOptions }),
    entry('danchu-form-edit', element, FormButton, () => false, { name: 'formJsonSchemaFilename' }),
    entry('danchu-instructions', element, bodyField, isTextAreaEntryEdited, { label: t('instructions'), type: 'spiffworkflow:InstructionsForEndUser', target: own, rows: 4 }),
    entry('danchu-deadline-days', element, propertyField, isTextFieldEntryEdited, { label: t('deadlineDays'), name: 'deadlineDays', target: own, description: t('deadlineDaysHelp') }),
    entry('danchu-deadline-days-check', element, VerdictNote, () => false, { kind: 'expression', text: (el) => properties(own(el)).deadlineDays }),
    entry('danchu-deadline-kind', element, propertySelect, isSelectEntryEdited, { label: t('deadlineKind'), name: 'deadlineKind', target: own, options: (bo) => kindOptions(bo, process(bo)) }),
    entry('danchu-deadline-from', element, propertyField, isTextFieldEntryEdited, { label: t('deadlineFrom'), name: 'deadlineFrom', target: own }),
    entry('danchu-deadline-case', element, followsCase, isCheckboxEntryEdited),
    entry('danchu-extends', element, propertyField, isTextFieldEntryEdited, { label: t('extendsCaseDeadline'), name: 'extendsCaseDeadline', target: own }),
    entry('danchu-extension-reason', element, propertyField, isTextFieldEntryEdited, { label: t('extensionReason'), name: 'extensionReason', target: own }),
  ];
}

function scriptEntries(element) {
  const entries = [];
  if (is(element, 'bpmn:ScriptTask')) {
    entries.push(entry('danchu-script', element, ScriptField, isTextAreaEntryEdited),
      entry('danchu-script-check', element, VerdictNote, () => false, { kind: 'script', text: (el) => own(el).script }));
  }
  if (is(element, 'bpmn:Task')) {
    entries.push(
      entry('danchu-prescript', element, bodyField, isTextAreaEntryEdited, { label: t('preScript'), type: 'spiffworkflow:PreScript', target: own }),
      entry('danchu-prescript-check', element, VerdictNote, () => false, { kind: 'script', text: (el) => (extension(own(el), 'spiffworkflow:PreScript')[0] || {}).value }),
      entry('danchu-postscript', element, bodyField, isTextAreaEntryEdited, { label: t('postScript'), type: 'spiffworkflow:PostScript', target: own }),
      entry('danchu-postscript-check', element, VerdictNote, () => false, { kind: 'script', text: (el) => (extension(own(el), 'spiffworkflow:PostScript')[0] || {}).value }));
  }
  return entries;
}

function ScriptField({ element, id }) {
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  return jsx(TextAreaEntry, {
    element, id, label: t('script'), debounce, rows: 5, monospace: true,
    getValue: () => own(element).script || '',
    setValue: (value) => modeling.updateProperties(element, { script: value || undefined }),
  });
}

function ConditionField({ element, id }) {
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  return jsx(TextFieldEntry, {
    element, id, label: t('condition'), debounce, description: t('conditionHelp'),
    getValue: () => (own(element).conditionExpression || {}).body || '',
    setValue: (value) => modeling.updateProperties(element, {
      conditionExpression: value ? bpmnFactory.create('bpmn:FormalExpression', { body: value }) : undefined }),
  });
}

function RoleSelect({ element, id }) {
  const modeling = useService('modeling');
  return jsx(SelectEntry, {
    element, id, label: t('role'),
    getValue: () => own(element).name || '',
    setValue: (value) => modeling.updateProperties(element, { name: value }),
    getOptions: () => {
      const current = own(element).name;
      const known = context.roles.some((r) => r.value === current);
      return [...(current && !known ? [{ value: current, label: current + ' (' + t('unknownRole') + ')' }] : [{ value: '', label: '—' }]),
        ...context.roles.map((r) => ({ value: r.value, label: r.label + ' (' + r.value + ')' }))];
    },
  });
}

/**
 * Roles picked by title (`startRoles`, `cancelRoles`, `message.<name>.roles`), one checkbox each, labelled as
 * the lane's role is; written as the conventions document them: the codes, comma-separated, in the order
 * picked. A code no role has (a typo in an older diagram) stays ticked and marked, so nothing is lost silently.
 */
function RolesPicker({ element, id, label, name: named, target, description }) {
  const injector = useService('injector');
  const bo = target(element);
  const name = nameOf(named, element);
  const chosen = (properties(bo)[name] || '').split(',').map((c) => c.trim()).filter(Boolean);
  const unknown = chosen.filter((c) => !context.roles.some((r) => r.value === c));
  const choices = [...context.roles.map((r) => ({ value: r.value, label: r.label + ' (' + r.value + ')' })),
    ...unknown.map((c) => ({ value: c, label: c + ' (' + t('unknownRole') + ')' }))];
  const toggle = (code, on) => {
    const next = chosen.filter((c) => c !== code);
    setProperty(injector, element, bo, name, (on ? [...next, code] : next).join(','));
  };
  return jsx('fieldset', { class: 'bio-properties-panel-entry danchu-roles', 'data-entry-id': id, id: 'bio-properties-panel-' + id,
    children: [
      jsx('legend', { class: 'bio-properties-panel-label', children: label }),
      ...choices.map((r) => jsx('label', { class: 'danchu-role-choice', children: [
        jsx('input', { type: 'checkbox', class: 'bio-properties-panel-input', value: r.value, checked: chosen.includes(r.value),
          onChange: (event) => toggle(r.value, event.target.checked) }),
        ' ' + r.label] })),
      description ? jsx('div', { class: 'bio-properties-panel-description', children: description }) : null,
    ] });
}

const someRoleTicked = (input) => !!(input && input.closest('fieldset').querySelector('input:checked'));

function messageDefinition(element) {
  return (own(element).eventDefinitions || []).find((d) => is(d, 'bpmn:MessageEventDefinition'));
}

function processEntries(element) {
  const field = (id, name, label, extra = {}) => entry(id, element, propertyField, isTextFieldEntryEdited, { label, name, target: processOf, ...extra });
  return [
    entry('danchu-start-form', element, propertySelect, isSelectEntryEdited, { label: t('startForm'), name: 'startForm', target: processOf, options: formOptions }),
    entry('danchu-start-roles', element, RolesPicker, someRoleTicked, { label: t('startRoles'), name: 'startRoles', target: processOf, description: t('startRolesHelp') }),
    entry('danchu-cancel-roles', element, RolesPicker, someRoleTicked, { label: t('cancelRoles'), name: 'cancelRoles', target: processOf, description: t('cancelRolesHelp') }),
    field('danchu-prefix', 'businessKeyPrefix', t('businessKeyPrefix')),
    field('danchu-legal-basis', 'legalBasis', t('legalBasis'), { area: true }),
    field('danchu-case-deadline-name', 'caseDeadlineName', t('caseDeadlineName')),
    field('danchu-case-deadline-days', 'caseDeadlineDays', t('caseDeadlineDays')),
    entry('danchu-case-deadline-days-check', element, VerdictNote, () => false, { kind: 'expression', text: (el) => properties(processOf(el)).caseDeadlineDays }),
    field('danchu-case-deadline-from', 'caseDeadlineFrom', t('caseDeadlineFrom')),
    entry('danchu-case-deadline-kind', element, propertySelect, isSelectEntryEdited, { label: t('caseDeadlineKind'), name: 'caseDeadlineKind', target: processOf,
      options: () => [{ value: '', label: t('calendar') + ' (calendar)' }, { value: 'working', label: t('working') + ' (working)' }] }),
    entry('danchu-parameters', element, ParametersField, isTextAreaEntryEdited),
  ];
}

/** The process's parameters (`param.<name>`), one `name = value` a line. */
function ParametersField({ element, id }) {
  const injector = useService('injector');
  const debounce = useService('debounceInput');
  const bo = processOf(element);
  const current = () => Object.entries(properties(bo)).filter(([k]) => k.startsWith('param.'));
  return jsx(TextAreaEntry, {
    element, id, label: t('parameters'), description: t('parametersHelp'), debounce, rows: 4, monospace: true,
    getValue: () => current().map(([k, v]) => k.slice(6) + ' = ' + v).join('\n'),
    setValue: (text) => {
      const wanted = {};
      (text || '').split('\n').forEach((line) => {
        const at = line.indexOf('=');
        if (at > 0 && line.slice(0, at).trim()) wanted['param.' + line.slice(0, at).trim()] = line.slice(at + 1).trim();
      });
      current().forEach(([k]) => { if (!(k in wanted)) setProperty(injector, element, bo, k, ''); });
      Object.entries(wanted).forEach(([k, v]) => { if (properties(bo)[k] !== v) setProperty(injector, element, bo, k, v); });
    },
  });
}

function groupsFor(element) {
  const groups = [];
  const bo = own(element);
  if (is(element, 'bpmn:UserTask')) groups.push({ id: 'danchu-task', label: t('groupTask'), entries: userTaskEntries(element) });
  const scripts = scriptEntries(element);
  if (scripts.length) groups.push({ id: 'danchu-scripts', label: t('groupScripts'), entries: scripts });
  if (is(element, 'bpmn:SequenceFlow') && bo.sourceRef && is(bo.sourceRef, 'bpmn:Gateway')) {
    groups.push({ id: 'danchu-condition', label: t('groupCondition'), entries: [
      entry('danchu-condition-expression', element, ConditionField, isTextFieldEntryEdited),
      entry('danchu-condition-check', element, VerdictNote, () => false, { kind: 'expression', text: (el) => (own(el).conditionExpression || {}).body })] });
  }
  if (is(element, 'bpmn:Lane')) groups.push({ id: 'danchu-lane', label: t('groupLane'), entries: [entry('danchu-role', element, RoleSelect, isSelectEntryEdited)] });
  if (is(element, 'bpmn:UserTask')) groups.push({ id: 'danchu-document', label: t('groupDocument'), entries: documentEntries(element) });
  if (messageDefinition(element)) {
    const entries = [entry('danchu-message-variable', element, bodyField, isTextAreaEntryEdited,
      { label: t('messageVariable'), type: 'spiffworkflow:MessageVariable', target: messageDefinition, rows: 1 })];
    const messageName = (el) => ((messageDefinition(el) || {}).messageRef || {}).name;
    if (messageName(element)) {  // who may send it and its data's form: the process's message.<name>.* properties
      const target = (el) => processAbove(own(el));
      entries.push(
        entry('danchu-message-roles', element, RolesPicker, someRoleTicked, { label: t('messageRoles'), description: t('messageRolesHelp'),
          name: (el) => 'message.' + messageName(el) + '.roles', target }),
        entry('danchu-message-form', element, propertySelect, isSelectEntryEdited, { label: t('messageForm'),
          name: (el) => 'message.' + messageName(el) + '.form', target, options: formOptions }));
    }
    groups.push({ id: 'danchu-message', label: t('groupMessage'), entries });
  }
  if (is(element, 'bpmn:Process') || (is(element, 'bpmn:Participant') && bo.processRef)) {
    groups.push({ id: 'danchu-process', label: t('groupProcess'), entries: processEntries(element) },
      { id: 'danchu-start-form-edit', label: t('groupStartForm'), entries: [entry('danchu-start-form-button', element, FormButton, () => false, { name: 'startForm' })] });
  }
  return groups;
}

export default function DanchuPropertiesProvider(propertiesPanel) {
  this.getGroups = (element) => (groups) => [...groupsFor(element), ...groups];
  propertiesPanel.registerProvider(400, this);
}
DanchuPropertiesProvider.$inject = ['propertiesPanel'];

export const DanchuPropertiesModule = {
  __init__: ['danchuPropertiesProvider'],
  danchuPropertiesProvider: ['type', DanchuPropertiesProvider],
};

