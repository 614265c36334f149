"""Deploy-time validation: every problem of a diagram, found before anyone can run it.

The administrator gets the whole list at once (element id + message), so one round of fixes is enough.
The checks mirror what would otherwise fail late, at run time, in front of a citizen: a task nobody can
see (no lane, unknown role), a broken form, a condition or script the restricted evaluator refuses, an
unquoted timer, an exclusive gateway that can dead-end.
"""
from __future__ import annotations

import ast
import functools
import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from jsonschema import SchemaError
from jsonschema.validators import validator_for

from ..core.errors import InvalidInput, InvalidProcessModel, PayloadTooLarge
from ..core.json_bounds import loads_bounded
from ..core.roles import is_known_role
from ..workflow.diagram_parsing import ParsedProcess, executable_process_ids, parse_process
from ..workflow.diagram_xml import NS, DiagramError, parse_xml
from ..workflow.instructions import instructions_problems
from ..workflow.scripting_checks import expression_problems
from ..workflow.service_tasks import registered_operators
from .diagram_vocabulary import decision_table_problems, diagram_problems
from .document_codes import (
    DATE_FIELD, FIELD, ISSUER, NUMBER_FIELD, SYMBOL, WHEN, document_groups, fits_register, issued_document,
)
from .figures import figure_problems
from .word_templates import template_syntax_problem
from .form_checks import check_problems
from .form_limits import form_problems
from .form_schemas import MAX_DEPTH, json_depth, schema_problems
from .lint import lanes_of, lint_problems
from .package import (
    TEMPLATE, ProcessPackage, binary_file, element_properties, encoding_problems, is_safe_file_name, process_properties,
)
from .sector_field import sector_field_problems

MAX_PACKAGE_BYTES = 2 * 1024 * 1024
BPMN = "{%s}" % NS["bpmn"]
SPIFF = "{%s}" % NS["spiffworkflow"]
IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
PREFIX = re.compile(r"^[A-Z]{1,8}$")


@dataclass
class ValidatedPackage:
    parsed: ParsedProcess
    properties: dict[str, str]
    forms: dict[str, dict]


_validated: OrderedDict[tuple[str, str], ValidatedPackage] = OrderedDict()
_validated_lock = threading.Lock()
VALIDATED_CACHE_SIZE = 128


def validate_package(package: ProcessPackage, max_bytes: int = MAX_PACKAGE_BYTES) -> ValidatedPackage:
    """Validate a package, or return the result for identical content validated before in this process.

    The checks depend only on the package's bytes (and on the engine's fixed roles and operators), and the
    parsed spec is never changed by running cases, so a redeploy of the same content (every restart, every
    test) reuses it. Refusals are not cached: they are cheap to find again and carry no state.
    """
    if package.total_size() > max_bytes:
        raise PayloadTooLarge(f"Gói quy trình vượt quá {max_bytes // (1024 * 1024)} MB.")
    key = (package.bpmn_filename, package.sha256())
    with _validated_lock:
        if key in _validated:
            _validated.move_to_end(key)
            return _validated[key]
    validated = _validate(package)
    with _validated_lock:
        _validated[key] = validated
        while len(_validated) > VALIDATED_CACHE_SIZE:
            _validated.popitem(last=False)
    return validated


def _validate(package: ProcessPackage) -> ValidatedPackage:
    problems: list[dict] = encoding_problems(package)
    if problems:
        raise InvalidProcessModel(problems)
    try:
        root = parse_xml(package.bpmn, package.bpmn_filename)
    except DiagramError as exc:
        raise InvalidProcessModel(exc.problems) from None
    problems.extend(diagram_problems(root, package.bpmn_filename))
    ids = executable_process_ids(root)
    if len(ids) != 1:
        raise InvalidProcessModel([*problems, {"element": package.bpmn_filename, "message":
                                               "Sơ đồ phải có đúng một quy trình thực thi (isExecutable=\"true\")."}])
    process = root.find(f"bpmn:process[@id='{ids[0]}']", NS)
    if not IDENTIFIER.match(ids[0]):
        problems.append(_problem(ids[0], "Mã quy trình phải là chữ thường không dấu, số và dấu gạch dưới."))
    properties = process_properties(process)
    forms = _check_files(package, root, problems)
    _check_properties(ids[0], properties, forms, problems)
    problems.extend(lint_problems(root, process, properties))
    _check_instructions(root, problems)
    problems.extend(_problem(ids[0], message) for message in figure_problems(properties))
    problems.extend(_problem(element, message) for element, message in sector_field_problems(properties, forms))
    _check_service_tasks(root, problems)
    dmn_roots = _dmn_roots(package, problems)
    _check_dmn_cells(dmn_roots, problems)
    parsed = None
    try:
        parsed = parse_process(root, package.bpmn_filename, dmn_roots, digest=package.sha256())
    except DiagramError as exc:
        problems.extend(exc.problems)
    if parsed is not None:
        _check_runtime_lanes(parsed, lanes_of(process), problems)
        _check_assignments(parsed, forms, problems)
    if problems:
        raise InvalidProcessModel(problems)
    return ValidatedPackage(parsed, properties, forms)


def _problem(element: str | None, message: str) -> dict:
    return {"element": element or "", "message": message}


def _check_files(package: ProcessPackage, root, problems) -> dict[str, dict]:
    forms: dict[str, dict] = {}
    for name in package.files:
        if not is_safe_file_name(name):
            problems.append(_problem(name, "Tên tệp không hợp lệ (chỉ chữ, số, '.', '-', '_', không có thư mục)."))
    for node in root.iter(f"{BPMN}userTask", f"{BPMN}process"):
        props = element_properties(node)
        wanted = [props.get("formJsonSchemaFilename"), props.get("startForm")]
        wanted += [v for k, v in props.items() if k.startswith("message.") and k.endswith(".form")]
        for name in filter(None, wanted):
            schema = _load_form(package, node.get("id"), name, problems)
            if schema is not None:
                forms[name] = schema
        if props.get("formUiSchemaFilename"):
            _load_json(package, node.get("id"), props["formUiSchemaFilename"], problems)
        _check_documents(package, node.get("id"), props, problems)
    return forms


def _check_documents(package, element, props, problems) -> None:
    """Each document of a step (`document.*`, `document.<n>.*`): its codes, its template, its condition
    (`document.when`, judged with the diagram's other expressions by the lint's sandbox rule) on a document
    that has a symbol, and no two documents of the step writing the same data field."""
    written: dict[str, str] = {}
    for prefix, group in document_groups(props):
        _check_symbol(element, prefix, group, problems)
        _check_template(package, element, prefix, group, problems)
        if (group.get(WHEN) or "").strip() and not issued_document(group):
            problems.append(_problem(element, f"{prefix}when cần có {prefix}symbol."))
        if not issued_document(group):
            continue
        for key, default in ((NUMBER_FIELD, "so_ky_hieu"), (DATE_FIELD, "ngay_ban_hanh"), (FIELD, "van_ban")):
            field = (group.get(key) or default).strip()
            if field in written:
                problems.append(_problem(element, f"{prefix}{key[len('document.'):]} {field[:50]!r}: trường này đã "
                                                  f"dùng cho văn bản {written[field]} của bước."))
            written[field] = prefix.rstrip(".")


def _check_symbol(element, prefix, props, problems) -> None:
    """The register's columns hold a symbol and an issuing body of at most 40 characters, without spaces
    (`engine.processes.register`): a longer one would fail when the step completes, not here."""
    for key in (SYMBOL, ISSUER):
        value = (props.get(key) or "").strip()
        if value and not fits_register(value):
            problems.append(_problem(element, f"{prefix}{key[len('document.'):]} {value[:50]!r}: tối đa 40 ký tự, "
                                              "không có dấu cách (ví dụ TB-UBND)."))


def _check_template(package, element, prefix, props, problems) -> None:
    """A document's template (`document.template`): a `.docx` of the package, on a document that takes a
    number from the register (`document.symbol`), since the document carries it."""
    name = (props.get(TEMPLATE) or "").strip()
    if not name:
        return
    if not props.get(SYMBOL, "").strip():
        problems.append(_problem(element, f"Bước có mẫu văn bản {name[:80]!r} phải có {prefix}symbol."))
    elif not name.lower().endswith(".docx") or binary_file(package.files.get(name, b"")) is None:
        problems.append(_problem(element, f"Thiếu mẫu văn bản .docx {name[:80]!r} trong gói quy trình."))
    elif (problem := _template_problem(binary_file(package.files[name]))) is not None:
        problems.append(_problem(element, f"Mẫu văn bản {name[:80]!r}: {problem}."))


@functools.lru_cache(maxsize=64)
def _template_problem(content: bytes) -> str | None:
    """Cached by content: a package names each template once per step, the same file on several steps."""
    return template_syntax_problem(content)


def _load_json(package, element, name, problems):
    if not is_safe_file_name(name):
        problems.append(_problem(element, f"Tên tệp không hợp lệ: {name[:80]!r}."))
        return None
    if name not in package.files:
        problems.append(_problem(element, f"Thiếu tệp {name}."))
        return None
    try:
        document = loads_bounded(package.files[name].decode("utf-8"), name)  # as the stored text will be read
        too_deep = json_depth(document) > MAX_DEPTH
    except InvalidInput as exc:  # nested too deep (Python's parser, then jsonschema, recurse) or huge numbers
        problems.append(_problem(element, f"Tệp {name}: {exc.message} {exc.details[name]}"))
        return None
    except ValueError as exc:
        problems.append(_problem(element, f"Tệp {name} không phải JSON hợp lệ: {exc}"))
        return None
    except RecursionError:  # the decoder recurses per level: a deeply nested file had been a 500
        too_deep = True
    if too_deep:
        problems.append(_problem(element, f"Tệp {name} lồng quá sâu (tối đa {MAX_DEPTH} mức)."))
        return None
    return document


def _load_form(package, element, name, problems) -> dict | None:
    schema = _load_json(package, element, name, problems)
    if schema is None:
        return None
    if not isinstance(schema, dict) or schema.get("type") != "object" or not isinstance(schema.get("properties"), dict):
        problems.append(_problem(element, f"Biểu mẫu {name} phải là JSON Schema kiểu object có 'properties'."))
        return None
    meta_schema_error = _schema_error(package.files[name])
    if meta_schema_error is not None:
        problems.append(_problem(element, f"Biểu mẫu {name} không phải JSON Schema hợp lệ: {meta_schema_error}"))
    others = schema_problems(name, package.files)
    problems.extend(_problem(element, message) for message in others)
    if meta_schema_error is not None or others:
        return None
    limits = form_problems(schema, package.files)  # its size with references expanded, its patterns
    secret = {field for field, prop in schema["properties"].items()
              if isinstance(prop, dict) and prop.get("x-confidential") is True}
    limits += check_problems(schema, secret)  # its cross-field checks (`x-checks`)
    problems.extend(_problem(element, f"Biểu mẫu {name}: {message}") for message in limits)
    return None if limits else schema


def form_schema_error(schema: dict) -> str | None:
    """What the JSON Schema meta-schema refuses in a form (None: nothing), as deploy checks it: the form
    editor's preview asks before rendering a form no deploy would take."""
    return _schema_error(json.dumps(schema, sort_keys=True).encode("utf-8"))


@functools.lru_cache(maxsize=512)
def _schema_error(content: bytes) -> str | None:
    """Checking a form against its meta-schema costs ~5 ms (draft 2020-12); a library of processes
    redeploys the same forms often (every test, every restart), and the answer depends only on the bytes."""
    schema = json.loads(content)
    try:
        validator_for(schema).check_schema(schema)
    except SchemaError as exc:
        return exc.message
    return None


def _check_properties(process_id, properties, forms, problems) -> None:
    prefix = properties.get("businessKeyPrefix")
    if prefix is not None and not PREFIX.match(prefix):
        problems.append(_problem(process_id, "businessKeyPrefix phải gồm 1-8 chữ in hoa."))
    for key, value in properties.items():
        if key in ("startRoles", "cancelRoles", "sendBackRoles") or (key.startswith("message.") and key.endswith(".roles")):
            for role in _split(value):
                if not is_known_role(role):
                    problems.append(_problem(process_id, f"{key}: vai trò không tồn tại: {role[:40]!r}."))
        if key.startswith("param.") and not IDENTIFIER.match(key[len("param."):]):
            problems.append(_problem(process_id, f"Tên tham số không hợp lệ: {key[:60]!r}."))
    params = {k[len("param."):] for k in properties if k.startswith("param.")}
    for name, schema in forms.items():
        clash = params & set(schema.get("properties", {}))
        if clash:
            problems.append(_problem(
                name, f"Biểu mẫu không được ghi đè tham số quy trình: {', '.join(sorted(clash))}."))


def _check_runtime_lanes(parsed, lane_of: dict[str, str], problems) -> None:
    """SpiffWorkflow gives every task inside a sub-process the sub-process's lane, if that sub-process is
    itself listed in a lane: the role the engine would enforce must be the one the diagram shows."""
    for name, info in parsed.user_tasks.items():
        expected = lane_of.get(name)
        if expected is not None and info.lane != expected:
            problems.append(_problem(name, f"Làn khi chạy ({info.lane}) khác làn trên sơ đồ ({expected}): "
                                           "không đặt tiến trình con vào một làn."))


def _check_assignments(parsed, forms, problems) -> None:
    """A field that assigns a later step (`x-assigns`, `engine.cases.assignment`) holds an account and names a
    user task of the diagram that has a lane (whose holders it may name)."""
    for name, schema in forms.items():
        for field, prop in (schema.get("properties") or {}).items():
            target = prop.get("x-assigns") if isinstance(prop, dict) else None
            if target is None:
                continue
            info = parsed.user_tasks.get(target) if isinstance(target, str) else None
            if info is None or not info.lane or not prop.get("x-account"):
                problems.append(_problem(name, f"{field}: x-assigns phải nằm trên trường tài khoản (x-account) "
                                               "và nêu mã một bước có làn của sơ đồ."))


def _check_instructions(root, problems) -> None:
    """A task's instructions must compile, and what is constant in them must stay within the renderer's
    limits (`engine.workflow.instructions`)."""
    for task in root.iter(f"{BPMN}userTask"):
        for node in task.iter(f"{SPIFF}instructionsForEndUser"):
            for message in instructions_problems(node.text or ""):
                problems.append(_problem(task.get("id"), f"Hướng dẫn: {message}"))


def _check_service_tasks(root, problems) -> None:
    """The operator a service task names must be registered (its parameters are the sandbox's lint rule)."""
    for node in root.iter(f"{SPIFF}serviceTaskOperator"):
        owner = _owner_id(node.getparent())  # the operator's own `id` is its name
        if node.get("id") not in registered_operators():
            problems.append(_problem(owner, f"Dịch vụ không tồn tại: {str(node.get('id'))[:60]!r}."))


def _dmn_roots(package, problems) -> list:
    roots = []
    for name, content in package.files.items():
        if name.endswith(".dmn"):
            try:
                roots.append(parse_xml(content, name))
            except DiagramError as exc:
                problems.extend(exc.problems)
                continue
            problems.extend(decision_table_problems(roots[-1], name))
    return roots


DMN = "{https://www.omg.org/spec/DMN/20191111/MODEL/}"
QUESTION_MARK = re.compile(r"(\?)(?=(?:[^'\"]|['\"][^'\"]*['\"])*$)")


def _check_dmn_cells(dmn_roots, problems) -> None:
    """Check each decision-table cell the way SpiffWorkflow's DMN engine will build its expression."""
    for root in dmn_roots:
        namespace = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else DMN
        for table in root.iter(f"{namespace}decisionTable"):
            owner = _owner_id(table)
            inputs = [(i.findtext(f"{namespace}inputExpression/{namespace}text") or "").strip()
                      for i in table.findall(f"{namespace}input")]
            for expression in inputs:
                for message in expression_problems(expression):
                    problems.append(_problem(owner, f"DMN: {message}"))
            for rule in table.findall(f"{namespace}rule"):
                for column, entry in enumerate(rule.findall(f"{namespace}inputEntry")):
                    text = (entry.findtext(f"{namespace}text") or "").strip()
                    if text and text != "-" and column < len(inputs):
                        for message in expression_problems(_dmn_test(inputs[column], text)):
                            problems.append(_problem(rule.get("id") or owner, f"DMN: {message}"))
                for entry in rule.findall(f"{namespace}outputEntry"):
                    text = (entry.findtext(f"{namespace}text") or "").strip()
                    for message in expression_problems(text) if text else []:
                        problems.append(_problem(rule.get("id") or owner, f"DMN: {message}"))


def _dmn_test(input_expression: str, entry: str) -> str:
    replaced = QUESTION_MARK.sub("dmninputexpr", entry)
    if "dmninputexpr" in replaced:
        return replaced
    try:
        ast.parse(entry, mode="eval")
        return f"({input_expression}) == ({entry})"
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return f"{input_expression} {entry}"




def _owner_id(node) -> str | None:
    while node is not None and node.get("id") is None:
        node = node.getparent()
    return node.get("id") if node is not None else None


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def split_roles(value: str | None) -> list[str]:
    return _split(value or "")
