"""List pages are dumped by `api.fast_dump`: the output must be exactly marshmallow's for the same schema."""
from datetime import datetime, timedelta, timezone

import marshmallow as ma
from marshmallow import fields

from api.fast_dump import FastDump, compiled
from api.schemas import InstancePage, TaskDetailSchema, TaskPage, TaskSchema

NOW = datetime(2026, 11, 28, 4, 40, 1, 123456, tzinfo=timezone.utc)


def task(i: int, **overrides) -> dict:
    return {"id": f"t{i}", "instance_id": f"i{i}", "business_key": f"KN-2026-{i:06d}", "process_model": "khieu_nai",
            "name": "xac_minh", "title": "Xác minh nội dung", "role": "can_bo_xac_minh", "assignee": None,
            "status": "ready", "created_at": NOW, "claimed_at": None, "completed_at": None, "completed_by": None,
            "due_at": NOW + timedelta(days=i, hours=7), "urgency": "sap_den_han" if i % 2 else None, **overrides}


def instance(i: int) -> dict:
    return {"id": f"i{i}", "business_key": f"KN-2026-{i:06d}", "process_model": "khieu_nai", "version": i,
            "status": "running", "outcome": None, "created_by": "tiep_cong_dan", "created_at": NOW,
            "updated_at": NOW, "ended_at": None, "due_at": NOW.astimezone(timezone(timedelta(hours=7)))}


def marshmallow_dump(schema, obj):
    return ma.Schema.dump(schema, obj)


def test_task_and_case_pages_and_a_task_dump_exactly_as_marshmallow_does():
    pages = [
        (TaskPage(), {"items": [task(i) for i in range(50)], "total": 1234}),
        (TaskPage(), {"items": [task(1, assignee="chu_tich", status="claimed", claimed_at=NOW)], "total": 1}),
        (TaskPage(), {"items": [{"id": "partial"}], "total": 0}),  # missing keys are left out, not null
        (TaskPage(), {"items": [], "total": 0}),
        (InstancePage(), {"items": [instance(i) for i in range(20)], "total": 20}),
        (TaskSchema(), task(3)),  # the answer of every completion
        (TaskDetailSchema(), {**task(4), "form": {"type": "object", "required": ["y_kien"]}, "ui_schema": None,
                              "instructions": "Xem hồ sơ KN-2026-000004"}),  # of every claim
    ]
    for schema, page in pages:
        assert compiled(schema) is not None
        assert schema.dump(page) == marshmallow_dump(schema, page)


def test_a_schema_fast_dump_cannot_reproduce_is_left_to_marshmallow():
    class WithDefault(FastDump, ma.Schema):
        name = fields.String(dump_default="x")

    class Renamed(FastDump, ma.Schema):
        name = fields.String(attribute="other")

    class WithHook(FastDump, ma.Schema):
        name = fields.String()

        @ma.post_dump
        def shout(self, data, **kwargs):
            return {k: v.upper() for k, v in data.items()}

    for schema_class, obj in ((WithDefault, {}), (Renamed, {"other": "a"}), (WithHook, {"name": "a"})):
        schema = schema_class()
        assert compiled(schema) is None
        assert schema.dump(obj) == marshmallow_dump(schema, obj)


def test_objects_that_are_not_dicts_are_dumped_by_marshmallow():
    class Row:
        id = "t1"
        status = "ready"

    schema = TaskPage()
    page = {"items": [Row()], "total": 1}
    assert schema.dump(page) == marshmallow_dump(schema, page) == {"items": [{"id": "t1", "status": "ready"}],
                                                                     "total": 1}
