"""Form data checked against the task's JSON Schema before it may touch a case.

Only the top-level fields a form declares reach the process data: SpiffWorkflow keeps form data and
process variables in one namespace, so an undeclared field could overwrite a decision or a deadline.

Validation runs under a time budget (`budget_seconds`, `Settings.eval_budget_seconds`) and with RE2 for
every regular expression (`engine.definitions.form_patterns`). The commands validate before they open their write
transaction (`prevalidate`), so a slow validation never holds a case, nor SQLite's write lock; the data
they then pass on is marked `Prevalidated` and not validated a second time under the lock.
"""
from jsonschema.validators import validator_for
from referencing.exceptions import Unresolvable

from ..core.budget import DEFAULT_BUDGET_SECONDS, TimeBudgetExceeded, command_budget
from ..core.errors import BudgetExceeded, InvalidInput, WarningsNotConfirmed
from ..core.json_bounds import INT_MAX, INT_MIN
from ..core.messages import N_
from .form_checks import CheckContext, declared_checks, failed_checks
from .form_messages import NOT_IN_FORM, problem_message, required_message
from .form_patterns import form_validator_class, format_checker
from .form_schemas import package_registry

MAX_TEXT_LENGTH = 20_000
MAX_ITEMS = 1_000
# The start of a sealed value (engine.trust.field_crypto): typed in by someone, it would pass for one when the case
# is read, and the case could not be opened any more.
SEALED_MARK = "danchu-enc:"


class Prevalidated(dict):
    """Data accepted by the form `form` of version `version_id` before the command's write transaction."""

    def __init__(self, data: dict, version_id: int, form: str | None):
        super().__init__(data)
        self.key = (version_id, form)


def prevalidate(version, form: str | None, data, budget_seconds: float = DEFAULT_BUDGET_SECONDS,
                context: CheckContext | None = None) -> Prevalidated:
    """Validate outside any write transaction; the write path trusts the result for the same version and
    form (versions are immutable), and evaluates the form's checks (`x-checks`) again over the case as it
    holds it locked. With a `context`, refused data names the checks' problems with the schema's."""
    return Prevalidated(validate_version_form(version, form, data, budget_seconds, context, checks="on_refusal"),
                        version.id, form)


def validate_form_data(schema: dict | None, data, validator=None,
                       budget_seconds: float = DEFAULT_BUDGET_SECONDS, context: CheckContext | None = None,
                       checks: str = "always") -> dict:
    """The accepted data, or InvalidInput naming each bad field; `validator` is `schema` compiled, if cached.
    Past `budget_seconds`: BudgetExceeded (the data is refused, nothing was changed).

    With a `context`, the form's cross-field checks (`engine.definitions.form_checks`) are evaluated too
    (`checks="on_refusal"`: only when the schema already refuses the data, so that every problem is named at
    once), and their problems join the schema's; warnings alone raise `WarningsNotConfirmed` unless the
    context confirms them."""
    if not isinstance(data, dict):
        raise InvalidInput("Dữ liệu biểu mẫu phải là một đối tượng JSON.", {"data": "Phải là đối tượng JSON."})
    declared = (schema or {}).get("properties", {})
    problems = {name: NOT_IN_FORM for name in data if name not in declared}
    for name, value in data.items():
        if name in declared and _too_large(value):
            problems[name] = N_("Giá trị quá dài.")
        elif name in declared and _number_out_of_range(value):
            problems[name] = N_("Số quá lớn.")
        elif name in declared and looks_sealed(value):
            problems[name] = N_("Giá trị không được phép.")
    if problems:
        raise InvalidInput("Dữ liệu biểu mẫu không hợp lệ.", problems)
    if schema is None:
        return {}
    if validator is None:
        validator = compiled_validator(schema)
    try:
        with command_budget(budget_seconds):
            errors = list(validator.iter_errors(data))
            blank = _blank_refused(schema, data, errors)
            if blank:
                data = {name: value for name, value in data.items() if name not in blank}
                errors = list(validator.iter_errors(data))
        errors.sort(key=lambda e: [str(p) for p in e.path])
    except TimeBudgetExceeded:
        raise BudgetExceeded("Không kiểm tra xong dữ liệu biểu mẫu trong thời gian cho phép.",
                             {"data": "Dữ liệu quá lớn hoặc quá phức tạp để kiểm tra."}) from None
    except (Unresolvable, RecursionError):  # a `$ref` out of the package (stored by an earlier release), or a cycle
        raise InvalidInput("Biểu mẫu không kiểm tra được dữ liệu: tham chiếu ra ngoài gói quy trình hoặc vòng tròn.",
                           {"data": "Biểu mẫu không hợp lệ."}) from None
    for error in errors:
        for field, message in _problems_of(error):
            problems.setdefault(field, message)
    if context is not None and (problems or checks == "always"):
        check_form_rules(schema, data, context, problems, budget_seconds)
    if problems:
        raise InvalidInput("Dữ liệu biểu mẫu không hợp lệ.", problems)
    return _as_integers(schema, data)


def _as_integers(schema: dict, data: dict) -> dict:
    """The data with a whole number sent as `1.0` to a field of type integer stored as `1`: JSON Schema
    accepts it as an integer, but the engine reads an account id (`x-account`: an exclusion, an assignment)
    only from an int, and would have named nobody."""
    declared = schema.get("properties") or {}
    accepted = dict(data)
    for name, value in data.items():
        prop = declared.get(name)
        if not isinstance(prop, dict):
            continue
        if _is_integer_type(prop):
            accepted[name] = _whole(value)
        elif isinstance(value, list) and isinstance(prop.get("items"), dict) and _is_integer_type(prop["items"]):
            accepted[name] = [_whole(item) for item in value]
    return accepted


def _is_integer_type(prop: dict) -> bool:
    kind = prop.get("type")
    return kind == "integer" or (isinstance(kind, list) and "integer" in kind and "number" not in kind)


def _whole(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def check_form_rules(schema: dict, data: dict, context: CheckContext, problems: dict | None = None,
                     budget_seconds: float = DEFAULT_BUDGET_SECONDS) -> None:
    """Raise the problems of the schema (`problems`, already found) with those of the form's checks over the
    case data: InvalidInput when any error stands, WarningsNotConfirmed when only unconfirmed warnings do."""
    problems = dict(problems or {})
    if declared_checks(schema):
        try:
            failed = failed_checks(schema, data, context.case_data(), bad_fields=problems,
                                   timeout_seconds=budget_seconds)
        except TimeBudgetExceeded:
            raise BudgetExceeded("Không kiểm tra xong dữ liệu biểu mẫu trong thời gian cho phép.",
                                 {"data": "Dữ liệu quá lớn hoặc quá phức tạp để kiểm tra."}) from None
        schema_refused = bool(problems)
        for field, message in failed.errors.items():
            problems.setdefault(field, message)
        if not context.confirm_warnings:
            for field, message in failed.warnings.items():
                problems.setdefault(field, message)
            if failed.warnings and not failed.errors and not schema_refused:
                raise WarningsNotConfirmed("Số liệu cần được xác nhận trước khi gửi.", problems)
        elif context.confirmed is not None:
            context.confirmed.update(failed.warnings)
    if problems:
        raise InvalidInput("Dữ liệu biểu mẫu không hợp lệ.", problems)


def compiled_validator(schema: dict, registry=None):
    """The JSON Schema validator of a form, formats checked (dates, emails), regular expressions by RE2.

    `registry` holds the other files of the form's package (`form_schemas.package_registry`); without it, only
    references inside the form resolve. Never jsonschema's default, which fetches any URI it is given.
    """
    registry = package_registry({}) if registry is None else registry
    return form_validator_class(validator_for(schema))(schema, format_checker=format_checker(), registry=registry)


def validate_version_form(version, form: str | None, data, budget_seconds: float = DEFAULT_BUDGET_SECONDS,
                          context: CheckContext | None = None, checks: str = "always") -> dict:
    """Validate against a form of a cached `DeployedVersion`, whose compiled validator is reused; data
    `prevalidate`d for this version and form is accepted as it is, but for the form's checks, which a
    `context` evaluates over the case as it is now."""
    if not form:
        return validate_form_data(None, data)
    if isinstance(data, Prevalidated) and data.key == (version.id, form):
        if context is not None:
            check_form_rules(version.validator(form).schema, data, context, budget_seconds=budget_seconds)
        return dict(data)
    validator = version.validator(form)
    return validate_form_data(validator.schema, data, validator, budget_seconds, context, checks)


def form_defaults(version, form: str | None, known=()) -> dict:
    """The `default` of each optional top-level field of a form that the case data (`known`) does not hold
    yet: a case opened, or a task completed, without such a field has that value, so the diagram's scripts
    and conditions may read it (a name missing from the case data would stop them). A required field's
    `default` is only a hint for forms: leaving it out is refused. E.g. a denunciation's account picker,
    `null` when the denounced person is nobody's account."""
    if not form:
        return {}
    schema = version.form(form) or {}
    required = set(schema.get("required") or ())
    return {name: prop["default"] for name, prop in (schema.get("properties") or {}).items()
            if isinstance(prop, dict) and "default" in prop and name not in required and name not in known}


def looks_sealed(value) -> bool:
    """Whether a text in the value (at any depth, which `_too_large` bounds) starts like a sealed value."""
    if isinstance(value, str):
        return value.startswith(SEALED_MARK)
    if isinstance(value, list):
        return any(looks_sealed(item) for item in value)
    if isinstance(value, dict):
        return any(looks_sealed(item) for item in value.values())
    return False


def _too_large(value, depth: int = 0) -> bool:
    if depth > 10:
        return True
    if isinstance(value, str):
        return len(value) > MAX_TEXT_LENGTH
    if isinstance(value, list):
        return len(value) > MAX_ITEMS or any(_too_large(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return len(value) > MAX_ITEMS or any(_too_large(v, depth + 1) for v in value.values())
    return False


def _number_out_of_range(value, depth: int = 0) -> bool:
    """Integers past 64 bits (no database column or index takes them) and infinities (PostgreSQL's JSON has
    none): a web form's `99…9.0` is a float, not text. Called on values `_too_large` passed (10 levels)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not INT_MIN <= value <= INT_MAX
    if isinstance(value, float):
        return value != value or value in (float("inf"), float("-inf"))
    if isinstance(value, list):
        return any(_number_out_of_range(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return any(_number_out_of_range(v, depth + 1) for v in value.values())
    return False


def _problems_of(error) -> list[tuple[str, str]]:
    """(field, message) of one jsonschema error; a `required` error names every field it finds missing (one
    error of jsonschema per missing name, but the same `validator_value` lists them all)."""
    prefix = "".join(f"{p}." for p in error.path)
    if error.validator == "required":
        instance = error.instance if isinstance(error.instance, dict) else {}
        return [(prefix + name, required_message(error.schema, name))
                for name in error.validator_value or () if name not in instance]
    return [(prefix.rstrip(".") or "data", problem_message(error))]


def _blank_refused(schema: dict, data: dict, errors) -> set[str]:
    """Optional top-level fields sent as an empty text that their own rules refuse (a pattern, a format, a
    choice): a field not filled in, so it is left out rather than refused (an API client, like a web form,
    may send every field), and its `default` applies. An empty text a field accepts stays what it is."""
    required = set(schema.get("required") or ())
    return {error.path[0] for error in errors
            if len(error.path) == 1 and error.path[0] not in required
            and isinstance(data.get(error.path[0]), str) and data[error.path[0]].strip() == ""}
