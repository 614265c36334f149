"""gunicorn's access log without query strings.

Query strings carry what must not sit in a log for months: citizens' tracking codes (`/cong-dan/tra-cuu?ma=…`,
the key to a letter's status), officers' searches by a citizen's name (`/cases?citizen=…`), filters of the
audit log. The Referer of the next page repeats them. So the request line is logged with the path as sent and
no query, the Referer likewise, and the atoms that would print a query (`%(q)s`, `{query_string}e`,
`{raw_uri}e`) print `-`, whatever `access_log_format` an operator sets. The path is the one as sent
(percent-encoded), not `%(U)s`'s decoded one, so an encoded newline cannot forge a log line.
"""
from __future__ import annotations

from gunicorn.glogging import Logger


def without_query(uri: str) -> str:
    return uri.split("?", 1)[0].split("#", 1)[0]


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = "%s %s %s" % (environ["REQUEST_METHOD"], without_query(environ.get("RAW_URI", "")),
                                   environ["SERVER_PROTOCOL"])
        atoms["q"] = atoms["{query_string}e"] = "-"
        atoms["{raw_uri}e"] = without_query(environ.get("RAW_URI", ""))
        for key in ("f", "{referer}i"):
            if atoms.get(key) not in (None, "-"):
                atoms[key] = without_query(atoms[key])
        return atoms
