"""Wording several processes' documents share (not a process: `tools/decree30_templates.py` skips it)."""

ARCHIVE = "- Lưu: VT, hồ sơ {{ ma_ho_so }}."
VOTERS = ("{% if thanh_phan_bieu_quyet == 'cu_tri_dai_dien_ho' %}cử tri đại diện hộ gia đình{% else %}cử tri"
          "{% endif %}")
# a body's recommendations (the Front's supervision, the People's Inspection Board), then the answer to each
RECOMMENDATIONS = ("{% for k in kien_nghi or [] %}{{ loop.index }}. {{ k.noi_dung }}{% if not loop.last %} | "
                   "{% endif %}{% else %}Không có kiến nghị.{% endfor %}")
ANSWERS = ("{% for t in tra_loi_kien_nghi or [] %}Kiến nghị số {{ t.so_thu_tu }}: {% if t.xu_ly == 'chap_nhan' %}chấp "
           "nhận{% elif t.xu_ly == 'chap_nhan_mot_phan' %}chấp nhận một phần{% else %}không chấp nhận{% endif %}. "
           "{{ t.noi_dung_tra_loi }}{% if not loop.last %} | {% endif %}{% endfor %}")
