"""Demo data shared by `make run` and the tests: Xã Nghĩa Kỳ, its hamlets, one user per role; a second
commune (Xã Tịnh Phong) with a Chairman and a reception officer of its own, and provincial auditor and
administrator accounts, so the separation of communes is visible and tested; the province's Chairman,
reception and verifying officers, who handle the cases moved up to the province (a denunciation of a commune
Chairman, Law on Denunciations Art. 13).

Idempotent: running it again changes nothing. The demo password only works when the deployment runs in
demo mode (see `engine.people.users`).
"""
from pathlib import Path

from sqlalchemy import select

from .core.principal import SYSTEM
from .core.roles import ROLES
from .definitions.package import load_package
from .people.users import DEMO_PASSWORD, create_user
from .processes.catalogue import deploy_process_version
from .store.tables import OrgUnit, User

PROVINCE = ("quang_ngai", "Tỉnh Quảng Ngãi")
COMMUNE = ("nghia_ky", "Xã Nghĩa Kỳ")
HAMLETS = [
    ("nghia_ky.phu_son", "Thôn Phú Sơn"),
    ("nghia_ky.ky_tho_nam", "Thôn Kỳ Thọ Nam"),
    ("nghia_ky.ky_tho_bac", "Thôn Kỳ Thọ Bắc"),
    ("nghia_ky.an_hoa_nam", "Thôn An Hòa Nam"),
    ("nghia_ky.an_hoa_bac", "Thôn An Hòa Bắc"),
]
COMMUNE_B = ("tinh_phong", "Xã Tịnh Phong")
HAMLETS_B = [("tinh_phong.phong_nien", "Thôn Phong Niên")]
# username -> (roles, unit code, full name): accounts beyond "one per role in Nghĩa Kỳ"
OTHER_USERS = {
    "chu_tich.b": (["chu_tich"], COMMUNE_B[0], "Trương Văn Bình"),
    "tiep_cong_dan.b": (["tiep_cong_dan"], COMMUNE_B[0], "Phan Thị Bảo"),
    "can_bo_xac_minh.b": (["can_bo_xac_minh"], COMMUNE_B[0], "Lâm Văn Bắc"),
    "kiem_tra.tinh": (["kiem_tra"], PROVINCE[0], "Đinh Thị Tỉnh"),
    "quan_tri.tinh": (["quan_tri"], PROVINCE[0], "Châu Văn Tỉnh"),
    # the province's people who handle a case moved up to it (a denunciation of a commune Chairman)
    "chu_tich.tinh": (["chu_tich"], PROVINCE[0], "Tôn Thất Hùng"),
    "tiep_cong_dan.tinh": (["tiep_cong_dan"], PROVINCE[0], "Lương Thị Hạnh"),
    "can_bo_xac_minh.tinh": (["can_bo_xac_minh"], PROVINCE[0], "Kha Văn Tường"),
}
HAMLET_ROLES = ("truong_thon", "ban_cong_tac_mat_tran", "to_hoa_giai")  # held in a hamlet, not the commune
DEMO_NAMES = {
    "quan_tri": "Nguyễn Văn Quản", "tiep_cong_dan": "Trần Thị Tiếp", "chu_tich": "Lê Văn Chủ",
    "pho_chu_tich": "Phạm Văn Phó", "van_phong": "Võ Thị Văn", "can_bo_xac_minh": "Huỳnh Văn Minh",
    "tu_phap": "Đặng Thị Tư", "dia_chinh": "Bùi Văn Địa", "truong_thon": "Đỗ Văn Thôn",
    "mat_tran": "Ngô Thị Mặt", "ban_cong_tac_mat_tran": "Dương Văn Công", "ban_ttnd": "Lý Thị Thanh",
    "to_hoa_giai": "Trịnh Thị Hòa",
    "doan_the": "Hồ Văn Đoàn", "kiem_tra": "Mai Thị Kiểm",
}


def create_demo_data(services) -> list[str]:
    """Create what is missing; return the usernames created."""
    with services.uow() as uow:
        session = uow.session
        province = _unit(session, *PROVINCE, "province", None)
        commune = _unit(session, *COMMUNE, "commune", province.id)
        for code, name in HAMLETS:
            _unit(session, code, name, "hamlet", commune.id)
        commune_b = _unit(session, *COMMUNE_B, "commune", province.id)
        for code, name in HAMLETS_B:
            _unit(session, code, name, "hamlet", commune_b.id)
        existing = set(session.scalars(select(User.username)))
        uow.commit()
    created = []
    for role in ROLES:
        if role in existing:
            continue
        unit = HAMLETS[0][0] if role in HAMLET_ROLES else COMMUNE[0]
        create_user(services, username=role, password=DEMO_PASSWORD, full_name=DEMO_NAMES[role],
                    roles=[role], unit_code=unit, allow_demo_password=True)
        created.append(role)
    for username, (roles, unit, full_name) in OTHER_USERS.items():
        if username in existing:
            continue
        create_user(services, username=username, password=DEMO_PASSWORD, full_name=full_name, roles=roles,
                    unit_code=unit, allow_demo_password=True)
        created.append(username)
    return created


def deploy_directory(services, directory: Path) -> list[tuple[str, int, bool]]:
    results = []
    for path in sorted(directory.glob("*.bpmn")):
        deployment = deploy_process_version(services, SYSTEM, load_package(path))
        results.append((deployment.version.process_model_id, deployment.version.version, deployment.created))
    return results


def _unit(session, code, name, kind, parent_id) -> OrgUnit:
    unit = session.scalars(select(OrgUnit).where(OrgUnit.code == code)).first()
    if unit is None:
        unit = OrgUnit(code=code, name=name, kind=kind, parent_id=parent_id)
        session.add(unit)
        session.flush()
    return unit
