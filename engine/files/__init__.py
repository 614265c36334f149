"""The case file's documents in: files submitted with forms, checked, stored content-addressed in a folder or an
S3-compatible bucket, encrypted when confidential, and verified against the audit chain.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from .kinds import accept_attribute, file_fields, is_file_schema
from .rotation import rotate_sealed_files
from .storage import local_folder, open_store
from .templates import list_templates, replace_template, version_template
from .uploads import Upload
from .verification import verify_audit_and_files
from .writing import sweep_unclaimed

__all__ = ["Upload", "accept_attribute", "file_fields", "is_file_schema", "list_templates", "local_folder", "open_store",
    "replace_template", "rotate_sealed_files", "sweep_unclaimed", "verify_audit_and_files", "version_template"]
