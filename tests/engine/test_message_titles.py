"""What the case page's message buttons say: the title of the message's form, as on the message's own page,
else the message's name (a diagram may declare a message without a form, or a form without a title)."""
import json

from engine.cases.lifecycle import message_title
from engine.definitions.spec_cache import DeployedVersion


def version(properties: dict, files: dict) -> DeployedVersion:
    return DeployedVersion(id=1, process_model_id="thu_nghiem", version=1, sha256="", name="Thử nghiệm",
                           bpmn_xml="", files=files, properties=properties, parsed=None, confidential=frozenset())


def test_a_message_is_titled_by_its_form():
    v = version({"message.rut_don.roles": "tiep_cong_dan", "message.rut_don.form": "rut_don.schema.json"},
                {"rut_don.schema.json": json.dumps({"title": "Rút đơn", "type": "object"})})
    assert message_title(v, "rut_don") == "Rút đơn"


def test_a_message_without_a_form_or_without_a_form_title_keeps_its_name():
    v = version({"message.rut_don.roles": "tiep_cong_dan", "message.gop_y.roles": "tiep_cong_dan",
                 "message.gop_y.form": "gop_y.schema.json"}, {"gop_y.schema.json": json.dumps({"type": "object"})})
    assert message_title(v, "rut_don") == "rut_don"
    assert message_title(v, "gop_y") == "gop_y"
