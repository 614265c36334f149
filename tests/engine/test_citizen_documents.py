"""Of a step issuing two documents, the citizen's tracking page lists and serves only the one addressed to
them: `to_cao`'s step notifying an acceptance issues the notice to the denouncer (its number field is among
`citizenDocumentFields`) and the notice to the person denounced (not), judged on the shipped diagram."""
from __future__ import annotations

from engine.portal.documents import is_citizen_document, is_citizen_step
from engine.processes.catalogue import latest_version


def test_only_the_notice_to_the_denouncer_is_the_citizens(services):
    with services.uow(write=False) as uow:
        shipped = latest_version(uow.session, "to_cao")
    assert is_citizen_step(shipped, "thong_bao_thu_ly", {})
    assert is_citizen_document(shipped, "thong_bao_thu_ly", {}, "van_ban")
    assert not is_citizen_document(shipped, "thong_bao_thu_ly", {}, "van_ban_thong_bao_nguoi_bi_to_cao")
    assert not is_citizen_document(shipped, "quyet_dinh_xu_ly", {}, "van_ban_quyet_dinh_thu_ly")  # internal
