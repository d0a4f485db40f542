"""Everything a case's page shows, gathered in one place: the case fact sheet.

A journalist opening a case wants the answer, not a one-row table: who, what, how much, when,
how the figure moved from provisional to final (each figure with its date, source and the
sentence it was read from), who covered it, the regulator's own documents, the failures named
(with their sentences), how many people were affected, the names the organisation goes by and
its other cases. `case_fact_sheet()` reads all of that with read-only SQL through Datasette's
own database object (so the time limit and the connection bounds apply) and returns plain
dicts; templates/_case_fact_sheet.html lays them out and Jinja escapes every value.
"""
from __future__ import annotations

import json
from typing import Any

# Order of a figure's stage in the story: an undated provisional figure still comes before the
# final one, however the dates compare.
STAGE_ORDER_SQL = """case coalesce(t.status, '')
    when 'provisional' then 0 when 'final' then 1 when 'reduced' then 1
    when 'appealed' then 2 when 'upheld' then 3 when 'withdrawn' then 3 else 1 end"""

REGULATOR_KINDS = ("enforcement_page", "notice", "press_release")


async def _rows(db: Any, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    results = await db.execute(sql, params)
    return [dict(row) for row in results.rows]


async def case_fact_sheet(db: Any, case_id: str) -> dict[str, Any] | None:
    """The fact sheet of case `case_id` in Datasette database `db`; None if there is no such case."""
    cases = await _rows(db, "select * from cases where id = :id", {"id": case_id})
    if not cases:
        return None
    case = cases[0]
    params = {"id": case_id}
    timeline = await _rows(db, f"""
        select t.date, t.status, t.amount_gbp, t.subjects_affected, t.role, t.kind, t.source,
               t.title, t.document_url, t.document_id, t.reason,
               (select e.sentence from evidence e
                 where e.case_id = t.case_id and e.document_id = t.document_id
                   and e.field = 'amount_gbp' and e.value = cast(t.amount_gbp as text)
                 order by e.id limit 1) as sentence
        from case_timeline t
        where t.case_id = :id and t.amount_gbp is not null
        order by {STAGE_ORDER_SQL}, t.date is null, t.date,
                 coalesce(t.role, '') != 'primary', t.history_id""", params)
    documents = await _rows(db, """
        select d.id, d.kind, d.title, d.outlet, d.published, d.url, cd.role
        from case_documents cd join documents d on d.id = cd.document_id
        where cd.case_id = :id
        order by d.published is null, d.published, d.id""", params)
    regulator = [d for d in documents if d["role"] == "primary" or d["kind"] in REGULATOR_KINDS]
    coverage = [d for d in documents if d not in regulator]
    failures = await _rows(db, """
        select cf.failure as code, coalesce(f.label, cf.failure) as label, f.description,
               (select e.sentence from evidence e where e.case_id = cf.case_id
                  and e.field = 'failure:' || cf.failure order by e.id limit 1) as sentence,
               (select d.url from evidence e join documents d on d.id = e.document_id
                 where e.case_id = cf.case_id and e.field = 'failure:' || cf.failure
                 order by e.id limit 1) as url
        from case_failures cf left join failure_types f on f.code = cf.failure
        where cf.case_id = :id order by label""", params)
    affected = await _rows(db, """
        select e.value, e.sentence, d.outlet, d.published, d.url
        from evidence e join documents d on d.id = e.document_id
        where e.case_id = :id and e.field = 'subjects_affected'
        order by e.value = :value desc, d.kind = 'notice' desc, e.id limit 1""",
        {**params, "value": str(case.get("subjects_affected"))})
    aliases: list[dict[str, Any]] = []
    other_cases: list[dict[str, Any]] = []
    if case.get("organisation_id"):
        org = {"org": case["organisation_id"], "id": case_id}
        aliases = await _rows(db, """
            select alias from organisation_aliases where organisation_id = :org
            order by alias""", org)
        other_cases = await _rows(db, """
            select id, action_type, status, amount_gbp, action_date from cases
            where organisation_id = :org and id != :id
            order by action_date desc""", org)
    names = {case.get("organisation")}
    try:
        topics = [str(topic) for topic in json.loads(case.get("topic") or "[]")]
    except ValueError:
        topics = []
    return {
        "case": case,
        "topics": topics,
        "timeline": timeline,
        "regulator_documents": regulator,
        "coverage": coverage,
        "failures": failures,
        "affected": affected[0] if affected else None,
        "aliases": [a["alias"] for a in aliases if a["alias"] not in names],
        "other_cases": other_cases,
    }
