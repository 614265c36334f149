"""What the bpmn-js modeler writes deploys: every diagram of the library, imported, coloured and exported by the
bundle danchu serves, passes the deploy-time allow-list of elements and attributes (engine/diagram_vocabulary.py)."""
from pathlib import Path

import pytest

from engine.definitions.package import load_package
from tests.deploys import post_package

from .browser import log_in

pytestmark = pytest.mark.browser
LIBRARY = sorted((Path(__file__).resolve().parents[2] / "bpmn").glob("*.bpmn"))

EXPORT_COLOURED = """async (xml) => {
  const modeler = window.danchuModeler;
  await modeler.importXML(xml);
  const tasks = modeler.get('elementRegistry').filter((element) => element.type === 'bpmn:UserTask');
  modeler.get('modeling').setColor(tasks, { fill: '#bbdefb', stroke: '#0d4372' });
  return (await modeler.saveXML({ format: true })).xml;
}"""


def test_every_library_diagram_exported_by_the_modeler_with_colours_deploys(open_page, api):
    page = open_page()
    log_in(page, "quan_tri.tinh")
    page.goto("/admin/processes/khieu_nai/versions/1/modeler")
    page.locator("#diagram[data-ready=true]").wait_for()
    for path in LIBRARY:
        xml = page.evaluate(EXPORT_COLOURED, path.read_text(encoding="utf-8"))
        assert 'bioc:fill="#bbdefb"' in xml and "color:background-color" in xml
        response = post_package(api, xml.encode(), load_package(path).files, pid=path.stem)
        assert response.status_code == 201, (path.name, response.get_json())
