"""What a process is made of and how it is checked at deploy: the package (diagram, forms, decision
tables), forms and their schemas, the parsed-version cache, the deploy-time validation.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .form_fields import confidential_fields, version_fields
from .form_messages import translate_filled
from .lint import LINT_TEXTS, say_lint
from .package import ProcessPackage, is_safe_file_name, load_package
from .validation import form_schema_error, split_roles
from .verdicts import KINDS as VERDICT_KINDS
from .verdicts import MAX_TEXT as MAX_VERDICT_TEXT
from .verdicts import verdict

__all__ = ["LINT_TEXTS", "MAX_VERDICT_TEXT", "VERDICT_KINDS", "ProcessPackage", "confidential_fields", "form_schema_error", "is_safe_file_name",
    "load_package", "say_lint", "split_roles", "translate_filled", "verdict", "version_fields"]
