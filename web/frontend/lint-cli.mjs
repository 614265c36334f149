// Lints diagrams with the modeler's bpmnlint rules (src/lint/rules.js), outside the browser: what the test of
// the shared corpus (tests/lint/) runs with node, to compare with the server's judgement.
// stdin: {"roles": [...], "verdicts": [{kind, text, problems}], "files": {"name": "<xml>"}}
// stdout: {"name": {"problems": [[rule, element, message]], "pending": [{kind, text}]}}
import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import { CONFIG, RESOLVER, setRoles } from './src/lint/rules.js';
import { pending, remember } from './src/lint/verdicts.js';

const spiffworkflow = JSON.parse(readFileSync(new URL('./src/spiffworkflow.json', import.meta.url), 'utf-8'));
const input = JSON.parse(readFileSync(0, 'utf-8'));
setRoles(input.roles || []);
remember(input.verdicts || []);
const moddle = new BpmnModdle({ spiffworkflow });
const linter = new bpmnlint.Linter({ config: CONFIG, resolver: RESOLVER });
const output = {};
for (const [name, xml] of Object.entries(input.files)) {
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const results = await linter.lint(rootElement);
  const problems = [];
  for (const [rule, reports] of Object.entries(results)) {
    reports.forEach((report) => problems.push([rule, report.id || '', report.message]));
  }
  output[name] = { problems, pending: pending() };
}
process.stdout.write(JSON.stringify(output));
