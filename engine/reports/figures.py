"""The figures of a periodic report, compiled for one commune from the database with SQL aggregates.

Nothing here reads a workflow: counts of cases come from `instances` (opened, ended, status, outcome, the
statutory `due_at`), hamlets from `case_index`, and what only a diagram knows (an acceptance, recommendations
answered, comments taken in) from the `case_figures` read model (`engine.definitions.figures`). Every process
deployed in the commune's database appears by its id, so a process drawn later is counted without a change
here; the sections about consultations, votes, disclosures and recommendations name the processes and the
figures they read. The exact definition of every figure is in `docs/processes/bao_cao_dinh_ky.md`.

The result is plain JSON data (it goes into the case data, and is frozen as it is when the Chairman
approves): the period, the headings, and a list of tables `{ma, tieu_de, cot: [{ma, tieu_de}], dong: [...]}`.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, func, or_, select

from ..cases.index import search_key
from ..core.status import CaseStatus
from ..store.tables import Case, CaseFigure, CaseIndex, OrgUnit, ProcessModel, ProcessVersion
from .periods import ReportPeriod

SUBJECT = "Kết quả thực hiện dân chủ ở cơ sở, tiếp công dân, giải quyết khiếu nại, tố cáo"
# Processes in the order of the law's chapters; any other deployed process follows, by id.
ORDER = ("khieu_nai", "to_cao", "kien_nghi_phan_anh", "xu_ly_don", "tiep_cong_dan", "doi_thoai",
         "dan_ban_quyet_dinh", "lay_y_kien", "cong_khai", "thanh_tra_nhan_dan", "giam_sat_phan_bien",
         "dan_van_kheo")
ACCEPTED = "thu_ly"
CONSULTATION, VOTE, DISCLOSURE = "lay_y_kien", "dan_ban_quyet_dinh", "cong_khai"
VOTE_PASSED = ("da_thong_qua", "da_cong_nhan", "khong_cong_nhan")  # the people's vote reached the majority
VOTE_NOT_PASSED = ("khong_thong_qua",)
RECOMMENDATIONS = ("kien_nghi", "kien_nghi_da_tra_loi", "kien_nghi_chap_nhan", "kien_nghi_chap_nhan_mot_phan",
                   "kien_nghi_khong_chap_nhan")
CRITICISMS = ("y_kien_phan_bien", "y_kien_phan_bien_tiep_thu", "y_kien_phan_bien_giai_trinh")
COMMENTS = ("y_kien", "y_kien_tiep_thu", "y_kien_giai_trinh")
NO_HAMLET = "Không xác định thôn"
NO_OUTCOME = "khong_ghi_ket_qua"
OUTCOME_LABELS = {  # the common wording; a process's own `outcome.<code>` property wins
    "da_giai_quyet": "Đã giải quyết", "khong_thu_ly": "Không thụ lý", "da_rut": "Người gửi đã rút",
    "da_huong_dan": "Đã hướng dẫn gửi đến cơ quan có thẩm quyền", "da_tra_loi": "Đã trả lời",
    "da_chuyen": "Đã chuyển cơ quan có thẩm quyền",
    "da_thong_qua": "Đã thông qua", "khong_thong_qua": "Không được thông qua",
    "da_cong_nhan": "Hương ước, quy ước đã được công nhận",
    "khong_cong_nhan": "Hương ước, quy ước không được công nhận",
    "da_cong_khai": "Đã công khai", "da_cong_khai_giai_trinh": "Đã công khai tiếp thu, giải trình",
    "khong_co_y_kien": "Không có ý kiến góp ý", "khong_co_kien_nghi": "Không có kiến nghị",
    "da_thuc_hien_kien_nghi": "Kiến nghị đã được thực hiện", "chuyen_mat_tran": "Chuyển Mặt trận xem xét",
    "kien_nghi_cap_tren": "Kiến nghị cấp trên", "tan_thanh_du_thao": "Tán thành dự thảo",
    "da_tiep_thu_giai_trinh": "Đã tiếp thu, giải trình", "da_nhan_rong": "Mô hình đã nhân rộng",
    "khong_dat": "Mô hình không đạt", "khong_chap_thuan_dang_ky": "Không chấp thuận đăng ký",
    "da_phe_duyet": "Đã phê duyệt", NO_OUTCOME: "Không ghi kết quả",
}
CASE_COLUMNS = [
    ("ton_dau_ky", "Tồn đầu kỳ"), ("tiep_nhan", "Tiếp nhận trong kỳ"), ("thu_ly", "Thụ lý"),
    ("da_giai_quyet", "Đã giải quyết xong"), ("dung_han", "Đúng hạn"), ("tre_han", "Trễ hạn"),
    ("khong_co_thoi_han", "Không có thời hạn luật định"), ("da_huy", "Đã hủy"),
    ("ton_cuoi_ky", "Tồn cuối kỳ"), ("qua_han_cuoi_ky", "Trong đó quá hạn"),
]
FIGURE_COLUMNS = (("ten", "Chỉ tiêu"), ("so_lieu", "Số liệu"))  # the tables of figures, not of cases


def compile_figures(session, *, commune_id: int, period: ReportPeriod, now: datetime,
                    exclude_process: str | None = None) -> dict:
    """All the tables of the report of `period` for the commune, as of `now` (or the period's end)."""
    as_of = max(period.start, min(period.end, now))
    counts = _Counts(session, commune_id, period, as_of, exclude_process)
    figures = counts.figure_sums()
    processes = counts.processes(figures)
    outcomes = counts.outcomes()
    by_process = {row["ma"]: row for row in processes}
    label = counts.outcome_label
    return {
        "ky_bao_cao": period.kind, "nam": period.year,
        "tu_ngay": period.first_day.isoformat(), "den_ngay": period.last_day.isoformat(),
        "tinh_den": as_of.astimezone(period.tz).isoformat(), "tong_hop_luc": now.astimezone(period.tz).isoformat(),
        "tieu_de": period.heading, "trich_yeu": SUBJECT, **_authority(session, commune_id),
        "bang": [
            _table("theo_quy_trinh", "1. Vụ việc theo quy trình", "1. Theo quy trình",
                   [("ten", "Quy trình"), *CASE_COLUMNS], processes + [_total(processes)]),
            _table("theo_thon", "2. Vụ việc theo thôn", "2. Theo thôn",
                   [("ten", "Thôn"), ("tiep_nhan", "Tiếp nhận trong kỳ"), ("da_giai_quyet", "Đã giải quyết xong"),
                    ("ton_cuoi_ky", "Tồn cuối kỳ")], counts.hamlets()),
            _table("ket_qua", "3. Kết quả giải quyết các vụ việc đã xong trong kỳ", "3. Kết quả",
                   [("quy_trinh", "Quy trình"), ("ten", "Kết quả"), ("so_vu_viec", "Số vụ việc")],
                   _outcome_rows(outcomes, by_process, label)),
            _table("lay_y_kien", "4. Lấy ý kiến Nhân dân", "4. Lấy ý kiến", FIGURE_COLUMNS,
                   _consultations(by_process, outcomes, figures, label)),
            _table("bieu_quyet", "5. Nhân dân bàn và quyết định", "5. Biểu quyết", FIGURE_COLUMNS,
                   _votes(outcomes)),
            _table("cong_khai", "6. Công khai thông tin", "6. Công khai", FIGURE_COLUMNS,
                   _disclosures(by_process)),
            _table("kien_nghi", "7. Kiến nghị sau giám sát, kiểm tra", "7. Kiến nghị",
                   [("ten", "Hoạt động"), ("kien_nghi", "Kiến nghị đưa ra"),
                    ("kien_nghi_da_tra_loi", "Đã được trả lời"), ("kien_nghi_chap_nhan", "Chấp nhận"),
                    ("kien_nghi_chap_nhan_mot_phan", "Chấp nhận một phần"),
                    ("kien_nghi_khong_chap_nhan", "Không chấp nhận")],
                   _figure_rows(processes, counts.declaring(RECOMMENDATIONS[0]), figures, RECOMMENDATIONS)),
            _table("phan_bien", "8. Phản biện xã hội", "8. Phản biện",
                   [("ten", "Hoạt động"), ("y_kien_phan_bien", "Ý kiến phản biện"),
                    ("y_kien_phan_bien_tiep_thu", "Đã tiếp thu"), ("y_kien_phan_bien_giai_trinh", "Đã giải trình")],
                   _figure_rows(processes, counts.declaring(CRITICISMS[0]), figures, CRITICISMS)),
        ],
    }


class _Counts:
    """The aggregate queries, all restricted to one commune and leaving out the report process itself."""

    def __init__(self, session, commune_id, period, as_of, exclude_process):
        self.session, self.commune_id, self.period, self.as_of = session, commune_id, period, as_of
        self.exclude = exclude_process
        start, end = period.start, period.end
        i = Case
        self.received = and_(i.created_at >= start, i.created_at < end)
        self.completed = and_(i.status == CaseStatus.COMPLETED, i.ended_at >= start, i.ended_at < end)
        self.cancelled = and_(i.status == CaseStatus.CANCELLED, i.ended_at >= start, i.ended_at < end)
        self.pending_start = _pending_at(start)
        self.pending_end = _pending_at(as_of)
        self.latest = dict(session.execute(
            select(ProcessVersion.process_model_id, ProcessVersion.properties)
            .join(ProcessModel, and_(ProcessModel.id == ProcessVersion.process_model_id,
                                     ProcessModel.latest_version == ProcessVersion.version))).all())

    def _scoped(self, query):
        query = query.where(Case.commune_id == self.commune_id)
        if self.exclude:
            query = query.where(Case.process_model_id != self.exclude)
        return query

    def processes(self, figures: dict) -> list[dict]:
        i = Case
        columns = {
            "ton_dau_ky": self.pending_start,
            "tiep_nhan": self.received,
            "da_giai_quyet": self.completed,
            "dung_han": and_(self.completed, i.due_at.is_not(None), i.ended_at < i.due_at),
            "tre_han": and_(self.completed, i.due_at.is_not(None), i.ended_at >= i.due_at),
            "khong_co_thoi_han": and_(self.completed, i.due_at.is_(None)),
            "da_huy": self.cancelled,
            "ton_cuoi_ky": self.pending_end,
            "qua_han_cuoi_ky": and_(self.pending_end, i.due_at.is_not(None), i.due_at <= self.as_of),
        }
        query = self._scoped(select(i.process_model_id, *(_count(c).label(k) for k, c in columns.items()))
                             .group_by(i.process_model_id))
        found = {row.process_model_id: row._mapping for row in self.session.execute(query)}
        accepting = self.declaring(ACCEPTED)
        rows = []
        for model_id, name in self._models():
            values = {k: int(found[model_id][k] or 0) if model_id in found else 0 for k in columns}
            values[ACCEPTED] = figures.get(model_id, {}).get(ACCEPTED, 0) if model_id in accepting else None
            rows.append({"ma": model_id, "ten": name, **{k: values[k] for k, _ in CASE_COLUMNS}})
        return rows

    def hamlets(self) -> list[dict]:
        query = self._scoped(
            select(CaseIndex.hamlet, _count(self.received), _count(self.completed), _count(self.pending_end))
            .select_from(Case).outerjoin(CaseIndex, CaseIndex.instance_id == Case.id)
            .group_by(CaseIndex.hamlet))
        units = self.session.scalars(select(OrgUnit).where(OrgUnit.kind == "hamlet",
                                                           OrgUnit.parent_id == self.commune_id)
                                     .order_by(OrgUnit.id)).all()
        known = {search_key(u.name): _zero_hamlet(search_key(u.name), u.name) for u in units}
        others: dict[str, dict] = {}
        unknown = _zero_hamlet("", NO_HAMLET)
        for hamlet, received, completed, pending in self.session.execute(query):
            key = search_key(hamlet)
            row = unknown if key is None else known.get(key) or others.setdefault(key, _zero_hamlet(key, hamlet))
            row["tiep_nhan"] += int(received or 0)
            row["da_giai_quyet"] += int(completed or 0)
            row["ton_cuoi_ky"] += int(pending or 0)
        extra = [r for _, r in sorted(others.items()) if r["tiep_nhan"] or r["da_giai_quyet"] or r["ton_cuoi_ky"]]
        return [*known.values(), *extra, unknown]

    def outcomes(self) -> dict[str, dict[str, int]]:
        query = self._scoped(select(Case.process_model_id, Case.outcome, func.count())
                             .where(self.completed).group_by(Case.process_model_id, Case.outcome))
        result: dict[str, dict[str, int]] = {}
        for model_id, outcome, number in self.session.execute(query):
            result.setdefault(model_id, {})[outcome or NO_OUTCOME] = int(number)
        return result

    def figure_sums(self) -> dict[str, dict[str, int]]:
        """`{process: {figure: sum}}` of the figures that reached their value inside the period."""
        query = self._scoped(
            select(Case.process_model_id, CaseFigure.name, func.sum(CaseFigure.value))
            .join(Case, Case.id == CaseFigure.instance_id)
            .where(CaseFigure.recorded_at >= self.period.start, CaseFigure.recorded_at < self.period.end)
            .group_by(Case.process_model_id, CaseFigure.name))
        result: dict[str, dict[str, int]] = {}
        for model_id, name, total in self.session.execute(query):
            result.setdefault(model_id, {})[name] = int(total or 0)
        return result

    def declaring(self, figure: str) -> set[str]:
        """Processes whose latest version declares `figure.<figure>`."""
        return {model_id for model_id, props in self.latest.items() if f"figure.{figure}" in (props or {})}

    def outcome_label(self, model_id: str, code: str) -> str:
        """The process's own wording (`outcome.<code>`), else the common one."""
        return (self.latest.get(model_id) or {}).get(f"outcome.{code}") or outcome_label(code)

    def _models(self) -> list[tuple[str, str]]:
        models = [(m, n) for m, n in self.session.execute(select(ProcessModel.id, ProcessModel.name))
                  if m != self.exclude]
        rank = {m: i for i, m in enumerate(ORDER)}
        return sorted(models, key=lambda m: (rank.get(m[0], len(ORDER)), m[0]))


def _pending_at(moment: datetime):
    """Opened before `moment` and not ended by then (running, failed, or ended later)."""
    return and_(Case.created_at < moment, or_(Case.ended_at.is_(None), Case.ended_at >= moment))


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _zero_hamlet(key: str, name: str) -> dict:
    return {"ma": key, "ten": name, "tiep_nhan": 0, "da_giai_quyet": 0, "ton_cuoi_ky": 0}


def _total(rows: list[dict]) -> dict:
    total = {"ma": "tong_cong", "ten": "Tổng cộng"}
    for key, _ in CASE_COLUMNS:
        values = [r[key] for r in rows if r[key] is not None]
        total[key] = sum(values) if values or key != "thu_ly" else None
    return total


def _outcome_rows(outcomes: dict, by_process: dict, label) -> list[dict]:
    rows = []
    for model_id in by_process:
        for outcome, number in sorted(outcomes.get(model_id, {}).items()):
            rows.append({"ma": f"{model_id}.{outcome}", "quy_trinh": by_process[model_id]["ten"],
                         "ten": label(model_id, outcome), "so_vu_viec": number})
    return rows


def _consultations(by_process: dict, outcomes: dict, figures: dict, label) -> list[dict]:
    row = by_process.get(CONSULTATION, {})
    sums = figures.get(CONSULTATION, {})
    rows = [_line("mo_moi", "Số cuộc lấy ý kiến mở trong kỳ", row.get("tiep_nhan", 0)),
            _line("da_hoan_thanh", "Số cuộc lấy ý kiến đã hoàn thành", row.get("da_giai_quyet", 0))]
    for outcome, number in sorted(outcomes.get(CONSULTATION, {}).items()):
        rows.append(_line(f"ket_qua.{outcome}", f"Trong đó: {label(CONSULTATION, outcome)}", number))
    rows += [_line("dang_lay_y_kien", "Đang lấy ý kiến, chưa xong (cuối kỳ)", row.get("ton_cuoi_ky", 0)),
             _line("y_kien", "Số ý kiến góp ý nhận được", sums.get("y_kien", 0)),
             _line("y_kien_tiep_thu", "Số ý kiến được tiếp thu", sums.get("y_kien_tiep_thu", 0)),
             _line("y_kien_giai_trinh", "Số ý kiến được giải trình", sums.get("y_kien_giai_trinh", 0))]
    return rows


def _votes(outcomes: dict) -> list[dict]:
    results = outcomes.get(VOTE, {})
    passed = sum(results.get(o, 0) for o in VOTE_PASSED)
    not_passed = sum(results.get(o, 0) for o in VOTE_NOT_PASSED)
    return [_line("da_bieu_quyet", "Số vấn đề đã biểu quyết xong", sum(results.values())),
            _line("thong_qua", "Được thông qua", passed),
            _line("khong_thong_qua", "Không được thông qua", not_passed),
            _line("huong_uoc_cong_nhan", "Hương ước, quy ước được công nhận", results.get("da_cong_nhan", 0)),
            _line("huong_uoc_khong_cong_nhan", "Hương ước, quy ước không được công nhận",
                  results.get("khong_cong_nhan", 0))]


def _disclosures(by_process: dict) -> list[dict]:
    row = by_process.get(DISCLOSURE, {})
    return [_line("mo_moi", "Số nội dung đưa ra công khai trong kỳ", row.get("tiep_nhan", 0)),
            _line("da_cong_khai", "Số nội dung đã công khai xong", row.get("da_giai_quyet", 0)),
            _line("dang_cong_khai", "Đang công khai (cuối kỳ)", row.get("ton_cuoi_ky", 0))]


def _figure_rows(processes: list[dict], declaring: set[str], figures: dict, names: tuple[str, ...]) -> list[dict]:
    rows = []
    for process in processes:
        if process["ma"] in declaring or process["ma"] in figures and names[0] in figures[process["ma"]]:
            sums = figures.get(process["ma"], {})
            rows.append({"ma": process["ma"], "ten": process["ten"], **{n: sums.get(n, 0) for n in names}})
    return rows


def _line(code: str, label: str, value: int) -> dict:
    return {"ma": code, "ten": label, "so_lieu": value}


def _table(code: str, title: str, short: str, columns, rows: list[dict]) -> dict:
    """`ten_ngan` names the table's sheet in the workbook (at most 31 characters)."""
    return {"ma": code, "tieu_de": title, "ten_ngan": short, "cot": [{"ma": c, "tieu_de": t} for c, t in columns],
            "dong": rows}


def outcome_label(code: str) -> str:
    return OUTCOME_LABELS.get(code) or code.replace("_", " ")


def _authority(session, commune_id: int) -> dict:
    """The reporting authority (`UBND XÃ NGHĨA KỲ`) and the place name written before the date (`Nghĩa Kỳ`)."""
    name = session.get(OrgUnit, commune_id).name
    place = name[3:].strip() if name.lower().startswith("xã ") else name
    return {"co_quan": f"UBND {name.upper()}", "dia_danh": place}
