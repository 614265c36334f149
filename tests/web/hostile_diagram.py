"""A stored diagram carrying an XHTML `<script>` in its documentation, as the review's finding had it: valid
BPMN, and under danchu's origin in the reader's browser if a page ever shows it inline. The script marks
`localStorage` and creates an administrator account with the reader's session (the finding's escalation).

It is written into the stored version directly (the version's `bpmn_xml`), as a diagram deployed before
deploy-time checks refused such markup, or put there by someone with database access, would be: serving must
be safe whatever a stored diagram holds."""
from sqlalchemy import text

from engine.processes.catalogue import get_version

XSS_MARKER = "danchu-xss"


def hostile_script(username: str) -> str:
    """No `<` or `&` in it: it is XML text."""
    return ('localStorage.setItem("' + XSS_MARKER + '", "ran");'
            'fetch("/admin/users").then(function (r) { return r.text(); }).then(function (page) {'
            ' var token = page.match(/name="csrf_token" value="([^"]+)"/)[1];'
            ' var form = new FormData(); form.append("csrf_token", token);'
            ' form.append("username", "' + username + '"); form.append("full_name", "XSS");'
            ' form.append("password", "xss-mat-khau-dai-123"); form.append("roles", "quan_tri");'
            ' form.append("unit", "nghia_ky");'
            ' return fetch("/admin/users", {method: "POST", body: form}); });')


def store_hostile_documentation(services, username: str, process_model: str = "khieu_nai", number: int = 1) -> str:
    """Put the script first in the process's documentation of a stored version; the new XML."""
    xml = get_version(services, process_model, number).bpmn_xml
    element = ('<html:script xmlns:html="http://www.w3.org/1999/xhtml">' + hostile_script(username)
               + "</html:script>")
    hostile = xml.replace("<bpmn:documentation>", "<bpmn:documentation>" + element, 1)
    assert hostile != xml
    with services.database.engine.begin() as conn:
        conn.execute(text("UPDATE process_versions SET bpmn_xml = :xml WHERE process_model_id = :model "
                          "AND version = :number"), {"xml": hostile, "model": process_model, "number": number})
    return hostile
