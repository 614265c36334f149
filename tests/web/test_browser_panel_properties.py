"""Each property the modeler's panel sets, saved and read back: set in the panel, the diagram written by bpmn-js
holds it exactly as docs/bpmn-conventions.md documents it (read here with the engine's own reader), and
imported again, the panel shows it. One test per property."""
import pytest
from lxml import etree

from engine.definitions.package import element_properties
from engine.workflow.diagram_xml import NS

from .browser import log_in
from .change_diagram import PROCESS_ID, deploy_change_diagram

pytestmark = pytest.mark.browser
SAVE_AND_RELOAD = """async () => {
  const modeler = window.danchuModeler;
  const { xml } = await modeler.saveXML({ format: true });
  await modeler.importXML(xml);
  return xml;
}"""


def spiff(tag: str) -> str:
    return "{%s}%s" % (NS["spiffworkflow"], tag)


def by_id(root, element_id):
    return root.xpath("//*[@id=$id]", id=element_id)[0]


def prop(name):
    return lambda root, element: element_properties(by_id(root, element)).get(name)


def body(tag):
    def read(root, element):
        found = by_id(root, element).find(f"bpmn:extensionElements/spiffworkflow:{tag}", NS)
        return found.text if found is not None else None
    return read


def process_prop(name):
    return lambda root, element: element_properties(by_id(root, PROCESS_ID)).get(name)


def script(root, element):
    return by_id(root, element).findtext("bpmn:script", namespaces=NS)


def condition(root, element):
    return by_id(root, element).findtext("bpmn:conditionExpression", namespaces=NS)


def lane_name(root, element):
    return by_id(root, element).get("name")


def message_variable(root, element):
    found = by_id(root, element).find("bpmn:messageEventDefinition/bpmn:extensionElements/spiffworkflow:messageVariable", NS)
    return found.text if found is not None else None


def timer(root, element):
    return by_id(root, element).findtext("bpmn:timerEventDefinition/bpmn:timeDuration", namespaces=NS)


# (element, group, entry, how it is set, the value typed (roles: the titles ticked), what the XML holds, how the XML
# is read)
CASES = [
    ("tiep_nhan", "danchu-task", "danchu-form", "select", "thay_doi-mo_ho_so.schema.json", "thay_doi-mo_ho_so.schema.json", prop("formJsonSchemaFilename")),
    ("tiep_nhan", "danchu-task", "danchu-instructions", "fill", "Kiểm tra đơn của {{ nguoi_de_nghi }}", "Kiểm tra đơn của {{ nguoi_de_nghi }}", body("instructionsForEndUser")),
    ("tiep_nhan", "danchu-task", "danchu-deadline-days", "fill", "thoi_han + 2", "thoi_han + 2", prop("deadlineDays")),
    ("tiep_nhan", "danchu-task", "danchu-deadline-kind", "select", "working", "working", prop("deadlineKind")),
    ("tiep_nhan", "danchu-task", "danchu-deadline-from", "fill", "ngay_nhan", "ngay_nhan", prop("deadlineFrom")),
    ("tiep_nhan", "danchu-task", "danchu-deadline-case", "check", True, "true", prop("deadlineCase")),
    ("tiep_nhan", "danchu-task", "danchu-extends", "fill", "so_ngay_gia_han", "so_ngay_gia_han", prop("extendsCaseDeadline")),
    ("tiep_nhan", "danchu-task", "danchu-extension-reason", "fill", "ly_do", "ly_do", prop("extensionReason")),
    ("tiep_nhan", "danchu-scripts", "danchu-prescript", "fill", "so_lan = 0", "so_lan = 0", body("preScript")),
    ("tiep_nhan", "danchu-scripts", "danchu-postscript", "fill", "so_lan = so_lan + 1", "so_lan = so_lan + 1", body("postScript")),
    ("ghi_nhan", "danchu-scripts", "danchu-script", "fill", "ket_qua_vu_viec = 'xong'", "ket_qua_vu_viec = 'xong'", script),
    ("f_du", "danchu-condition", "danchu-condition-expression", "fill", "dong_y == False", "dong_y == False", condition),
    ("lan_xu_ly", "danchu-lane", "danchu-role", "select", "van_phong", "van_phong", lane_name),
    ("tiep_nhan", "danchu-document", "danchu-document-symbol", "fill", "TB-UBND", "TB-UBND", prop("document.symbol")),
    ("tiep_nhan", "danchu-document", "danchu-document-issuer", "fill", "UBND", "UBND", prop("document.issuer")),
    ("tiep_nhan", "danchu-document", "danchu-document-number-field", "fill", "so_thong_bao", "so_thong_bao", prop("document.numberField")),
    ("tiep_nhan", "danchu-document", "danchu-document-date-field", "fill", "ngay_thong_bao", "ngay_thong_bao", prop("document.dateField")),
    ("tiep_nhan", "danchu-document", "danchu-document-template", "fill", "thay_doi-thong_bao.docx", "thay_doi-thong_bao.docx", prop("document.template")),
    ("tiep_nhan", "danchu-document", "danchu-document-when", "fill", "dong_y == True", "dong_y == True", prop("document.when")),
    ("tiep_nhan", "danchu-document", "danchu-document-signer-role", "select", "pho_chu_tich", "pho_chu_tich", prop("document.signerRole")),
    ("tiep_nhan", "danchu-document", "danchu-document-authority", "fill", "TM. ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN", prop("document.authority")),
    ("tiep_nhan", "danchu-document", "danchu-document-signer-title", "fill", "PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH", prop("document.signerTitle")),
    ("tiep_nhan", "danchu-document", "danchu-document-field", "fill", "van_ban_thong_bao", "van_ban_thong_bao", prop("document.field")),
    ("rut", "danchu-message", "danchu-message-roles", "roles", ("Cán bộ tiếp công dân, xử lý đơn (tiep_cong_dan)", "Chủ tịch UBND xã (chu_tich)"), "tiep_cong_dan,chu_tich", process_prop("message.rut_de_nghi.roles")),
    ("rut", "danchu-message", "danchu-message-form", "select", "thay_doi-tiep_nhan.schema.json", "thay_doi-tiep_nhan.schema.json", process_prop("message.rut_de_nghi.form")),
    ("rut", "danchu-message", "danchu-message-variable", "fill", "yeu_cau_rut", "yeu_cau_rut", message_variable),
    ("nhac", "timer", "timerEventDefinitionValue", "fill", '"P5D"', '"P5D"', timer),
    ("ubnd", "danchu-process", "danchu-start-form", "select", "thay_doi-tiep_nhan.schema.json", "thay_doi-tiep_nhan.schema.json", process_prop("startForm")),
    ("ubnd", "danchu-process", "danchu-start-roles", "roles", ("Cán bộ tiếp công dân, xử lý đơn (tiep_cong_dan)", "Văn phòng UBND xã (van_phong)"), "tiep_cong_dan,van_phong", process_prop("startRoles")),
    ("ubnd", "danchu-process", "danchu-cancel-roles", "roles", ("Chủ tịch UBND xã (chu_tich)",), "chu_tich", process_prop("cancelRoles")),
    ("ubnd", "danchu-process", "danchu-prefix", "fill", "TDQ", "TDQ", process_prop("businessKeyPrefix")),
    ("ubnd", "danchu-process", "danchu-legal-basis", "fill", "Luật Tiếp công dân 2013, Điều 28", "Luật Tiếp công dân 2013, Điều 28", process_prop("legalBasis")),
    ("ubnd", "danchu-process", "danchu-case-deadline-name", "fill", "Hạn trả lời", "Hạn trả lời", process_prop("caseDeadlineName")),
    ("ubnd", "danchu-process", "danchu-case-deadline-days", "fill", "thoi_han", "thoi_han", process_prop("caseDeadlineDays")),
    ("ubnd", "danchu-process", "danchu-case-deadline-from", "fill", "ngay_nhan", "ngay_nhan", process_prop("caseDeadlineFrom")),
    ("ubnd", "danchu-process", "danchu-case-deadline-kind", "select", "working", "working", process_prop("caseDeadlineKind")),
    ("ubnd", "danchu-process", "danchu-parameters", "fill", "thoi_han = 10\nngay_nhan = 2026-07-01", "10", process_prop("param.thoi_han")),
]


@pytest.fixture
def modeler(open_page, services):
    deploy_change_diagram(services)
    page = open_page()
    log_in(page, "quan_tri.tinh")
    page.goto(f"/admin/processes/{PROCESS_ID}/versions/1/modeler")
    page.locator("#diagram[data-ready=true]").wait_for()
    return page


def show(page, element: str, group: str) -> None:
    page.get_by_label("Chọn phần tử").select_option(element)
    header = page.locator(f'[data-group-id="group-{group}"] .bio-properties-panel-group-header')
    if "open" not in (header.get_attribute("class") or ""):
        header.click()


@pytest.mark.parametrize("element, group, entry, how, typed, stored, read", CASES, ids=[c[2] for c in CASES])
def test_a_property_set_in_the_panel_is_written_as_documented_and_read_back(modeler, element, group, entry, how,
                                                                            typed, stored, read):
    page = modeler
    show(page, element, group)
    field = page.locator(f"#bio-properties-panel-{entry}")
    if entry == "timerEventDefinitionValue":
        page.locator("#bio-properties-panel-timerEventDefinitionType").select_option("timeDuration")
    if how == "roles":  # picked by title, as a lane's role: nobody types a code
        for title in typed:
            field.get_by_label(title, exact=True).check()
    elif how == "select":
        field.select_option(typed)
    elif how == "check":
        field.check()
    else:
        field.fill(typed)
        field.blur()
    page.wait_for_timeout(400)  # the panel's input debounce
    xml = page.evaluate(SAVE_AND_RELOAD)
    root = etree.fromstring(xml.encode("utf-8"))
    assert read(root, element) == stored
    show(page, element, group)
    field = page.locator(f"#bio-properties-panel-{entry}")
    if how == "check":
        assert field.is_checked()
    elif how == "roles":
        ticked = field.locator("input:checked")
        assert [ticked.nth(i).evaluate("i => i.parentElement.textContent.trim()") for i in range(ticked.count())] == \
            sorted(typed, key=lambda title: stored.split(",").index(title[title.rindex("(") + 1:-1]))
    else:
        assert field.input_value() == typed


def test_a_document_condition_the_evaluator_refuses_is_shown_under_it(modeler):
    """`document.when` is judged as the diagram's conditions are, as it is typed (and at deploy)."""
    page = modeler
    show(page, "tiep_nhan", "danchu-document")
    field = page.locator("#bio-properties-panel-danchu-document-when")
    field.fill("__import__('os')")
    field.blur()
    page.locator("#danchu-document-when-check[role=alert]").wait_for()
    field.fill("dong_y == True")
    field.blur()
    page.locator("#danchu-document-when-check.danchu-verdict-ok").wait_for()


def test_a_role_unticked_is_taken_out_and_a_code_no_role_has_stays_marked(modeler):
    """The process's roles are picked by title; a code an older diagram holds that is no role stays, said to be none."""
    page = modeler
    page.evaluate("""() => {
      const modeler = window.danchuModeler;
      const process = modeler.get('elementRegistry').get('ubnd').businessObject.processRef;
      const moddle = modeler.get('moddle');
      const props = process.extensionElements.values.find((v) => v.$type === 'spiffworkflow:Properties');
      props.properties.push(moddle.create('spiffworkflow:Property', { name: 'cancelRoles', value: 'chu_tich,thu_ky' }));
    }""")
    xml = page.evaluate(SAVE_AND_RELOAD)
    show(page, "ubnd", "danchu-process")
    field = page.locator("#bio-properties-panel-danchu-cancel-roles")
    assert field.get_by_label("thu_ky (vai trò không có)").is_checked()
    field.get_by_label("Chủ tịch UBND xã (chu_tich)", exact=True).uncheck()
    root = etree.fromstring(page.evaluate(SAVE_AND_RELOAD).encode("utf-8"))
    assert "chu_tich,thu_ky" in xml and process_prop("cancelRoles")(root, None) == "thu_ky"


def test_the_lint_as_drawn_speaks_the_pages_language(open_page, services):
    """bpmnlint in the browser says the server's words for a rule, in English on an English page."""
    deploy_change_diagram(services)
    page = open_page()
    log_in(page, "quan_tri.tinh")
    page.goto("/lang/en")
    page.goto(f"/admin/processes/{PROCESS_ID}/versions/1/modeler")
    page.locator("#diagram[data-ready=true]").wait_for()
    page.locator("#element-select").select_option("tiep_nhan")
    header = page.locator('[data-group-id="group-danchu-task"] .bio-properties-panel-group-header')
    if "open" not in (header.get_attribute("class") or ""):
        header.click()
    page.locator("#bio-properties-panel-danchu-form").select_option("")
    problem = page.locator("#problems li[data-rule='danchu/user-task-form']")
    problem.wait_for()
    assert "A user task needs a form: choose or create one" in problem.inner_text()
    assert "Công việc người dùng" not in page.locator("#problems").inner_text()
