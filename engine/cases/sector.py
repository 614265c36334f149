"""The case's sector (`instances.sector`), kept in line with its data after every step.

A process names the case field that holds its sector in the property `sectorField` (`linh_vuc` for a
complaint, a denunciation, a petition and a letter); after every step the field's value, as a code of the
closed list (`engine.core.sectors`: an old free text is mapped), becomes the case row's `sector`, an indexed
column the case search filters on and the reports count by. A step whose data holds no value leaves it as it
was: a sector is never lost because a later step does not see the field.
"""
from __future__ import annotations

from ..core.sectors import SECTORS, sector_code

SECTOR_FIELD = "sectorField"


def project_sector(step) -> None:
    """The case-step projection (`engine.cases.step`)."""
    field = step.version.properties.get(SECTOR_FIELD)
    if not field:
        return
    code = sector_code(step.data.get(field))
    if code is None and step.completed_task_id is not None:  # a branch waiting at its join holds it apart
        task = step.services.runner.find_task(step.workflow, step.completed_task_id)
        code = sector_code(task.data.get(field)) if task is not None else None
    if code is not None and code != step.case.sector:
        step.case.sector = code


def with_sector_code(properties: dict, data: dict) -> dict:
    """Start data given by another case (a letter opening a petition) with its sector as a code: a letter
    of an older version passes the free text its form had, which the new start form's list would refuse."""
    field = properties.get(SECTOR_FIELD)
    if not field or field not in data or data[field] in SECTORS:
        return data
    code = sector_code(data[field])
    return {**data, field: code} if code is not None else {k: v for k, v in data.items() if k != field}
