"""Parsed specs of deployed versions, parsed once per process and shared.

Versions are immutable, so every server process caching them agrees by construction: the cache holds no
state another worker could disagree on.
"""
import threading

from .process_package import ProcessPackage
from .spiff_adapter import ParsedProcess, parse_process, parse_xml
from .store.tables import ProcessVersion


class SpecCache:
    def __init__(self):
        self._parsed: dict[int, ParsedProcess] = {}
        self._lock = threading.Lock()

    def get(self, version: ProcessVersion) -> ParsedProcess:
        parsed = self._parsed.get(version.id)
        if parsed is None:
            parsed = parse_version(version)
            with self._lock:
                self._parsed.setdefault(version.id, parsed)
        return parsed

    def put(self, version_id: int, parsed: ParsedProcess) -> None:
        with self._lock:
            self._parsed[version_id] = parsed


def parse_version(version: ProcessVersion) -> ParsedProcess:
    package = ProcessPackage(f"{version.process_model_id}.bpmn", version.bpmn_xml.encode("utf-8"),
                             {k: v.encode("utf-8") for k, v in version.files.items()})
    root = parse_xml(package.bpmn, package.bpmn_filename)
    dmn = [parse_xml(c, n) for n, c in package.files.items() if n.endswith(".dmn")]
    return parse_process(root, package.bpmn_filename, dmn)
