"""The process catalogue: deploying versions, reading them, comparing two, numbering cases.

The names below are what the edges (api, web, cli) call; engine modules import each other's modules directly."""
from ..definitions.document_codes import fits_register
from .catalogue import (
    deploy_process_version,
    get_process_model,
    get_version,
    list_process_models,
    may_deploy,
    running_by_version,
    validate_process_package,
    version_view,
)
from .register import ISSUERS, outgoing_register, register_csv
from .version_diff import compare_versions, preview_deployment

__all__ = ["ISSUERS", "fits_register", "compare_versions", "deploy_process_version", "get_process_model", "get_version", "list_process_models",
    "may_deploy", "outgoing_register", "preview_deployment", "register_csv", "running_by_version", "validate_process_package", "version_view"]
