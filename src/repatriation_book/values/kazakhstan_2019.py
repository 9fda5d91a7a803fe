"""Values of chapters/kazakhstan-2019.md: the seed event, every report of it, and its context."""

from __future__ import annotations

from repatriation import figures, views
from repatriation.figures import KAZAKHSTAN_2019 as EVENT
from repatriation.pipeline import Results

from ..figure_files import downloads_line
from ..glue import cite
from ..tables import fmt_int, markdown_table

SEED = "thedefensepost2019kazakhstan"


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    reports = views.event_reports(r, EVENT)
    official = reports[reports["sourcetype"] == "government"].iloc[0]
    seed = reports[reports["source"] == SEED].iloc[0]
    sdf = reports[(reports["sourcetype"] == "media") & reports["total"].isna()]
    repeated = views.repeated_figures(r, SEED).set_index(["place", "sex_age"])
    kaz = views.country_events(r, "KAZ")
    stated = views.stated_for(r, "KAZ")
    s2019 = stated[(stated["as_of"].str[:4] == "2019") & (stated["measure"] == "people")].iloc[-1]
    latest = stated[stated["measure"] == "people"].sort_values("as_of_end").iloc[-1]
    fighters = repeated.loc[("nes_all", "men")]
    wives = repeated.loc[("nes_all", "women")]
    children_nes = repeated.loc[("nes_all", "children")]
    children_iraq = repeated.loc[("iraq_prisons", "children")]
    france = repeated.loc[("syria", "children")]
    return {
        "kaz_n_reports": len(reports),
        "kaz_total": int(official["total"]),
        "kaz_children": int(official["children"]),
        "kaz_cite_official": cite([official["source"]]),
        "kaz_sdf_men": int(seed["men"]), "kaz_sdf_women": int(seed["women"]), "kaz_sdf_children": int(seed["children"]),
        "kaz_parts": int(seed["men"] + seed["women"] + seed["children"]),
        "kaz_cite_sdf": cite(sdf["source"]),
        "kaz_sdf_dates": " and ".join(sorted({d for d in sdf["date"] if d != EVENT[4:]})),
        "ctx_fighters": int(fighters["value"]), "ctx_wives_low": int(wives["low"]), "ctx_wives_high": int(wives["high"]),
        "ctx_children": int(children_nes["value"]), "ctx_cite_sdf": cite(fighters["first_sources"].split(";")),
        "ctx_iraq_children": int(children_iraq["value"]), "ctx_cite_iraq": cite(children_iraq["first_sources"].split(";")),
        "ctx_france": int(france["value"]), "ctx_cite_france": cite(france["first_sources"].split(";")),
        "kaz_n_events": len(kaz),
        "kaz_people": int(kaz["people"].sum()),
        "kaz_2019_stated": int(s2019["stated"]), "kaz_2019_counted": int(s2019["counted"]),
        "kaz_2019_by": views.stated_by(r.data.sources, s2019["source"], "KAZ"),
        "kaz_cite_2019": cite([s2019["source"]]),
        "kaz_latest_stated": views.phrase({"value": latest["stated"], "qualifier": latest["qualifier"],
                                           "estimate": latest["stated"]}),
        "kaz_latest_by": views.stated_by(r.data.sources, latest["source"], "KAZ"),
        "kaz_latest_date": views.long_date(latest["as_of"]),
        "kaz_cite_latest": cite([latest["source"]]),
        "kaz_cite_stages": cite(kaz["preferred_source"]),
        "fig_kaz_reports": figures.figure("kazakhstan_reports", r),
        "dl_fig_kaz_reports": downloads_line("fig-kaz-reports"),
        "fig_kaz_operations": figures.figure("kazakhstan_operations", r),
        "dl_fig_kaz_operations": downloads_line("fig-kaz-operations"),
        "tbl_kaz_reports": markdown_table(
            reports[["organization", "published", "sourcetype", "date", "men", "women", "children", "total", "status"]]
            .rename(columns={"organization": "Source", "published": "Published", "sourcetype": "Type", "date": "Event date",
                             "men": "Men", "women": "Women", "children": "Children", "total": "Total", "status": "Status"}),
            {c: fmt_int for c in ("Men", "Women", "Children", "Total")}),
    }
