"""Deploy-time check of the `sectorField` property: the field a process keeps its cases' sector in.

The case row's `sector` is read from that field after every step (`engine.cases.sector`), and the search
and the reports filter on its codes: a form offering other values, or no form holding the field, would
leave cases without a sector nobody notices. So the field must be on one of the package's forms, and every
form declaring it must offer exactly the closed list (`engine.core.sectors`), as `oneOf` consts or `enum`.
"""
from __future__ import annotations

from ..core.sectors import SECTORS


def sector_field_problems(properties: dict, forms: dict[str, dict]) -> list[tuple[str, str]]:
    """(element, message) of each problem; `forms`: the package's forms by file name."""
    field = properties.get("sectorField")
    if field is None:
        return []
    declaring = {name: (schema.get("properties") or {}).get(field) for name, schema in forms.items()}
    declaring = {name: prop for name, prop in declaring.items() if isinstance(prop, dict)}
    if not declaring:
        return [("sectorField", f"sectorField: không biểu mẫu nào có trường {field[:60]!r}.")]
    problems = []
    for name, prop in sorted(declaring.items()):
        offered = {o.get("const") for o in prop.get("oneOf") or () if isinstance(o, dict)}
        offered = offered or set(prop.get("enum") or ())
        if offered != set(SECTORS):
            problems.append((name, f"Trường {field[:60]} phải là danh sách lĩnh vực: {', '.join(SECTORS)}."))
    return problems
