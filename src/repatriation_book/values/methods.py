"""Values of chapters/methods.md."""

from __future__ import annotations

from repatriation import grades, metrics, views
from repatriation.pipeline import Results
from repatriation.reconcile import RULE

from ..tables import markdown_table


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    q = metrics.data_quality(r)
    kinds = r.movements["kind"].value_counts()
    graded = grades.shares(r.events).set_index("grade")["events"]
    relays = r.data.sources["note"].map(grades.relayed_from).notna()
    return {
        "n_transfers": int(kinds.get("transfer", 0)), "n_relocations": int(kinds.get("relocation", 0)),
        "n_not_carried_out": int(kinds.get("not_carried_out", 0)),
        "n_parts": int((r.movements["part_of"] != "").sum()),
        "q_reports": q["reports"], "q_events": q["events"], "q_sources": q["sources"],
        "q_multi_report_events": q["multi_report_events"], "q_disagree": q["disagree"],
        "q_day_precision_pct": q["day_precision_pct"], "q_month_or_year": q["month_or_year"],
        "q_qualified_reports": q["qualified_reports"], "q_unknown_size": q["unknown_size"],
        "q_non_english": q["non_english"], "q_reprints": q["reprints"],
        "rule": RULE,
        "grade_rule": grades.RULE,
        "grade_a": int(graded["A"]), "grade_b": int(graded["B"]), "grade_c": int(graded["C"]),
        "grade_d": int(graded["D"]), "grade_relays": int(relays.sum()),
        "tbl_sources": markdown_table(views.sources_by_type(r).rename(columns={
            "sourcetype": "Type of source", "sources": "Sources", "rows": "Data rows citing them"})),
        "tbl_reasons": markdown_table(views.superseded_reasons(r).rename(columns={
            "criterion": "Deciding criterion", "reports": "Reports superseded"})),
    }
