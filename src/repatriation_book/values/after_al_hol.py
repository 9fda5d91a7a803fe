"""Values of chapters/after-al-hol.md: 2025 and 2026, the takeover and closure of al-Hol, the transfer of
detainees to Iraq, and who remained held."""

from __future__ import annotations

from repatriation import after, figures, metrics, phrases, views
from repatriation.movements import counted
from repatriation.pipeline import Results

from ..figure_files import downloads_line
from ..glue import cite
from ..tables import markdown_table

# The events the chapter tells in words (every event of every kind is in its tables).
TRANSFER, FIRST_STAGE, IRAQIS_IN_TRANSFER = "IRQ-2026-01-21", "IRQ-2026-01-21-b", "IRQ-2026-01-21-c"
FRENCH_2025, UNHCR_RETURN, AKHTARIN, LAST_FAMILIES = "IRQ-2025-08", "IRQ-2026-02-19", "SYR-2026-02-18", "SYR-2026-02-22"
AUSTRALIANS, TURKEY_AGREED, TURKEY_CAMPS = "AUS-2026-02-16", "TUR-2026-02-22", "TUR-2026-01-31"
IRAQ_ANNOUNCED, IRAQ_POSTPONED, MOROCCO = "IRQ-2026-01-22", "IRQ-2026-02", "MAR-2025-08-28"
RUSSIA, TAJIKISTAN = "RUS-2025-02-27", "TJK-2025-02-10"
SINCE, CHRONOLOGY_FROM = 2025, "2026-01"


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    src, mv, rep, d = r.data.sources, r.movements.set_index("event_id"), r.reports, r.detained
    takeover, planned, closure = (after.milestone(src, n) for n in ("takeover", "closure_planned", "closure"))
    other = after.other_movements(r, str(SINCE)).set_index("event_id")
    states = after.states_that_repatriated(r.events, SINCE)
    iraq, others = states[states["country"] == "IRQ"].iloc[0], states[states["country"] != "IRQ"]
    ev = r.events[r.events["year"] >= SINCE]
    groups = metrics.event_groups(ev[ev["country"] != "IRQ"])
    irq_alhol = ev[(ev["country"] == "IRQ") & (ev["year"] == SINCE) & (ev["facility"] == "al-Hol")]
    irq_roj = ev[(ev["country"] == "IRQ") & (ev["facility"] == "Roj")]
    reloc = counted(r.movements, "relocation")
    reloc = reloc[reloc["year"] == SINCE]
    after_takeover = r.movements[r.movements["date_start"] >= takeover["date_mid"]]
    from_alhol = after_takeover[after_takeover["facility"] == "al-Hol"]
    irq_after = from_alhol[(from_alhol["kind"] == "repatriation") & (from_alhol["country"] == "IRQ")]
    foreign_moves = from_alhol[from_alhol["kind"].isin(["repatriation", "transfer"]) & ~from_alhol["country"].isin(["IRQ", "SYR"])]
    stated_before = after.stated_since(r.stated, "IRQ", "camps", str(SINCE))
    stated_before = stated_before[stated_before["as_of"] < takeover["date"]].tail(1)
    stated_after = after.stated_since(r.stated, "IRQ", "camps", takeover["date"])
    alhol = metrics.detained_series(d, "al_hol")
    alhol_jan = alhol[alhol["as_of"].str.startswith(takeover["date"][:7])]
    alhol_iraqis = metrics.detained_series(d, "al_hol", "iraqi")
    alhol_iraqis_jan = alhol_iraqis[alhol_iraqis["as_of"].str.startswith(takeover["date"][:7])]
    at = {g: after.figures_on(d, "al_hol", g, takeover["date"]) for g in ("all", "syrian", "iraqi", "third_country")}
    held = after.latest_points(d, after.WHERE_HELD, CHRONOLOGY_FROM[:4]).set_index("label")
    point = {label: held.loc[[label]] for label in held.index.unique()}
    iraq_prisons = metrics.detained_series(d, "iraq_prisons")
    disagree = after.disagreeing_days(iraq_prisons).iloc[-1]
    sdf_later = metrics.detained_series(d, "sdf_prisons")
    sdf_later = sdf_later[sdf_later["as_of_start"] > point["Prisons run by the SDF: everyone"]["as_of_mid"].max()]
    juveniles = after.latest_points(d, [("iraq_prisons", "all", "children", "people", "juveniles")]).iloc[0]
    b = after.breakdowns(r, TRANSFER)
    transfer_total, transfer_keys = after.stated_by_reports(rep, TRANSFER, "total")
    stage, stage_keys = after.stated_by_reports(rep, FIRST_STAGE, "total")
    iraqis_in, iraqis_in_keys = after.stated_by_reports(rep, IRAQIS_IN_TRANSFER, "total")
    akhtarin_families, akhtarin_keys = after.stated_by_reports(rep, AKHTARIN, "families")
    aus_women, _ = after.stated_by_reports(rep, AUSTRALIANS, "women")
    aus_children, _ = after.stated_by_reports(rep, AUSTRALIANS, "children")
    tur_camps = metrics.detained_series(d, "nes_camps", "national", "women_children")
    tur_camps = tur_camps[(tur_camps["nationality"] == "TUR") & (tur_camps["source"] == mv.loc[TURKEY_CAMPS, "preferred_source"])].iloc[0]
    mar_women, _ = after.stated_by_reports(rep, MOROCCO, "women")
    return {
        "dl_fig_after_movements": downloads_line("fig-after-movements"),
        "dl_fig_after_populations": downloads_line("fig-after-populations"),
        "record_end": after.record_end(r)["date_text"],
        "record_end_cite": cite(after.record_end(r)["sources"].split(";")),
        "irq_alhol_events_2025": int(len(irq_alhol)),
        "irq_alhol_people_2025": int(irq_alhol["people"].sum()),
        "irq_alhol_cite": cite(views.one_per_publisher(src, irq_alhol["preferred_source"])),
        "irq_stated_before": phrases.stated_phrase(stated_before),
        "irq_stated_before_cite": cite(stated_before["source"].iloc[0].split(";")),
        "reloc_2025_events": int(len(reloc)),
        "reloc_2025_people": int(reloc["people"].sum()),
        "reloc_2025_cite": cite(views.one_per_publisher(src, ";".join(reloc["sources"]).split(";"))),
        "n_other_states": int(len(others)),
        "other_people": int(others["people"].sum()),
        "takeover_date": takeover["date_text"],
        "takeover_cite": cite(takeover["sources"].split(";")),
        "alhol_at_takeover": at["all"][0],
        "alhol_at_takeover_cite": cite(at["all"][1]),
        "alhol_syrians_at_takeover": at["syrian"][0],
        "alhol_iraqis_at_takeover": at["iraqi"][0],
        "alhol_third_at_takeover": at["third_country"][0],
        "alhol_groups_cite": cite(at["syrian"][1] + at["iraqi"][1] + at["third_country"][1]),
        "transfer_start": phrases.date_text(mv.loc[TRANSFER, "date"]),
        "transfer_start_cite": cite([mv.loc[FIRST_STAGE, "preferred_source"], mv.loc[TRANSFER, "preferred_source"]]),
        "planned_date": planned["date_text"],
        "planned_cite": cite(planned["sources"].split(";")),
        "transfer_end": phrases.date_text(other.loc[TRANSFER, "date_end"]),
        "transfer_end_cite": cite([mv.loc[TRANSFER, "preferred_source"]]),
        "akhtarin_date": phrases.date_text(mv.loc[AKHTARIN, "date"]),
        "akhtarin_cite": cite(after.sources_of(r.movements, AKHTARIN)),
        "closure_date": closure["date_text"],
        "closure_cite": cite(closure["sources"].split(";")),
        "chronology_from": phrases.date_text(CHRONOLOGY_FROM),
        "tbl_after_chronology": markdown_table(after.chronology_table(r, CHRONOLOGY_FROM)),
        "fig_after_populations": figures.figure("after_populations", r),
        "alhol_families": point["al-Hol camp: families"]["figure"].iloc[0].replace(" families", ""),
        "alhol_families_date": point["al-Hol camp: families"]["as_of_text"].iloc[0],
        "alhol_families_cite": cite(point["al-Hol camp: families"]["source"]),
        "irq_after_text": phrases.count_words(len(irq_after), "return"),
        "unhcr_date": phrases.date_text(mv.loc[UNHCR_RETURN, "date"]),
        "unhcr_people": int(mv.loc[UNHCR_RETURN, "people"]),
        "unhcr_cite": cite(after.sources_of(r.movements, UNHCR_RETURN)),
        "irq_postponed_cite": cite(after.sources_of(r.movements, IRAQ_POSTPONED)),
        "irq_announced": int(mv.loc[IRAQ_ANNOUNCED, "people"]),
        "irq_announced_date": phrases.date_text(mv.loc[IRAQ_ANNOUNCED, "date"]),
        "irq_announced_cite": cite(after.sources_of(r.movements, IRAQ_ANNOUNCED)),
        "irq_stated_after": phrases.stated_phrase(stated_after),
        "irq_stated_after_cite": cite(";".join(stated_after["source"]).split(";")),
        "alhol_iraqis_last": point["al-Hol camp: Iraqis"]["figure"].iloc[0].replace(" people", ""),
        "alhol_iraqis_last_date": point["al-Hol camp: Iraqis"]["as_of_text"].iloc[0],
        "alhol_iraqis_last_cite": cite(point["al-Hol camp: Iraqis"]["source"]),
        "syria_iraqis": point["Syria, anywhere: Iraqis"]["figure"].iloc[0].replace(" people", ""),
        "syria_iraqis_cite": cite(point["Syria, anywhere: Iraqis"]["source"]),
        "akhtarin_people": phrases.figure_text(mv.loc[AKHTARIN, "people"], mv.loc[AKHTARIN, "qualifier"]),
        "akhtarin_families": akhtarin_families,
        "akhtarin_families_cite": cite(akhtarin_keys),
        "last_families_people": int(mv.loc[LAST_FAMILIES, "people"]),
        "last_families_families": int(mv.loc[LAST_FAMILIES, "families"]),
        "last_families_cite": cite(after.sources_of(r.movements, LAST_FAMILIES)),
        "third_families": point["al-Hol camp: third-country families"]["figure"].iloc[0].replace(" families", ""),
        "third_families_date": point["al-Hol camp: third-country families"]["as_of_text"].iloc[0],
        "third_families_cite": cite(point["al-Hol camp: third-country families"]["source"]),
        "foreign_moves_text": phrases.count_words(len(foreign_moves), "movement"),
        "transfer_when": other.loc[TRANSFER, "when"],
        "transfer_figures": transfer_total,
        "transfer_cite": cite(views.one_per_publisher(src, transfer_keys)),
        "transfer_preferred": phrases.figure_text(mv.loc[TRANSFER, "people"], mv.loc[TRANSFER, "qualifier"]),
        "transfer_n_reports": int(mv.loc[TRANSFER, "n_reports"]),
        "syrians_in_transfer": after.breakdown_figures(b, "Syrians")[0],
        "syrians_in_transfer_cite": cite(views.one_per_publisher(src, after.breakdown_figures(b, "Syrians")[1])),
        "n_breakdown_reports": int(b["source"].nunique()),
        "stage_date": phrases.date_text(mv.loc[FIRST_STAGE, "date"]),
        "stage_figures": stage,
        "stage_cite": cite(stage_keys),
        "iraqprison_first": views.phrase(iraq_prisons.iloc[0]),
        "iraqprison_first_date": phrases.date_text(iraq_prisons["as_of"].iloc[0]),
        "iraqprison_first_cite": cite([iraq_prisons["source"].iloc[0]]),
        "iraqprison_last": point["Prisons in Iraq: people moved from Syria in 2026"]["figure"].iloc[0].replace(" people", ""),
        "iraqprison_last_date": point["Prisons in Iraq: people moved from Syria in 2026"]["as_of_text"].iloc[0],
        "iraqprison_last_cite": cite(point["Prisons in Iraq: people moved from Syria in 2026"]["source"]),
        "iraqprison_n_points": int(len(iraq_prisons)),
        "disagree_date": disagree["as_of_text"],
        "disagree_figures": disagree["figures"],
        "disagree_cite": cite(disagree["sources"].split(";")),
        "iraqis_in_transfer": iraqis_in,
        "iraqis_in_transfer_cite": cite(views.one_per_publisher(src, iraqis_in_keys)),
        "iraqis_in_transfer_people": int(mv.loc[IRAQIS_IN_TRANSFER, "people"]),
        "people_2026": int(r.events.loc[r.events["year"] == 2026, "people"].sum()),
        "centcom_cite": cite([mv.loc[TRANSFER, "preferred_source"]]),
        "juveniles": int(juveniles["estimate"]),
        "juveniles_date": juveniles["as_of_text"],
        "juveniles_cite": cite([juveniles["source"]]),
        "tur_in_transfer": after.breakdown_figures(b, "Türkiye")[0],
        "tur_in_transfer_cite": cite(after.breakdown_figures(b, "Türkiye")[1]),
        "tkm_in_transfer": after.breakdown_figures(b, "Turkmenistan")[0],
        "tkm_in_transfer_cite": cite(after.breakdown_figures(b, "Turkmenistan")[1]),
        "tbl_after_nationalities": markdown_table(after.breakdown_table(r, TRANSFER).drop(columns="keys")),
        "french_people": int(mv.loc[FRENCH_2025, "people"]),
        "french_dates": after.report_dates(rep, FRENCH_2025),
        "french_cite": cite(after.sources_of(r.movements, FRENCH_2025)),
        "n_states": int(len(states)),
        "irq_events": int(iraq["events"]),
        "irq_people": int(iraq["people"]),
        "irq_roj_events": int(len(irq_roj)),
        "irq_roj_cite": cite(";".join(irq_roj["sources"]).split(";")),
        "other_list": views.top_list(others, len(others)),
        "other_cite": cite(ev.loc[ev["country"] != "IRQ", "preferred_source"]),
        "other_groups": phrases.people_phrase(groups["children"].sum(), groups["women"].sum(), groups["men"].sum()),
        "tbl_after_states": markdown_table(after.states_table(r, SINCE)),
        "fig_after_movements": figures.figure("movements_by_kind", r),
        "n_not_carried_out": int((other["kind"] == "not_carried_out").sum()),
        "tbl_after_other": markdown_table(after.other_movements_table(r, str(SINCE))),
        "aus_date": phrases.date_text(mv.loc[AUSTRALIANS, "date"]),
        "aus_people": int(mv.loc[AUSTRALIANS, "people"]),
        "aus_women": aus_women,
        "aus_children": aus_children,
        "aus_cite": cite(after.sources_of(r.movements, AUSTRALIANS)),
        "tur_agreed": phrases.figure_text(mv.loc[TURKEY_AGREED, "people"], mv.loc[TURKEY_AGREED, "qualifier"]),
        "tur_agreed_cite": cite(after.sources_of(r.movements, TURKEY_AGREED)),
        "tur_camps": phrases.figure_text(tur_camps["estimate"], tur_camps["qualifier"]),
        "tur_camps_cite": cite(after.sources_of(r.movements, TURKEY_CAMPS)),
        "mar_date": phrases.date_text(mv.loc[MOROCCO, "date"]),
        "mar_people": int(mv.loc[MOROCCO, "people"]),
        "mar_women": mar_women,
        "mar_cite": cite(after.sources_of(r.movements, MOROCCO)),
        "rus_date": phrases.date_text(mv.loc[RUSSIA, "date"]),
        "rus_people": int(mv.loc[RUSSIA, "people"]),
        "rus_cite": cite(after.sources_of(r.movements, RUSSIA)),
        "tjk_people": phrases.figure_text(mv.loc[TAJIKISTAN, "people"], mv.loc[TAJIKISTAN, "qualifier"]),
        "tjk_cite": cite(after.sources_of(r.movements, TAJIKISTAN)),
        "tbl_after_held": markdown_table(after.held_table(r, CHRONOLOGY_FROM[:4])),
        "roj_people": point["Roj camp: everyone"]["figure"].iloc[0].replace(" people", ""),
        "roj_date": point["Roj camp: everyone"]["as_of_text"].iloc[0],
        "roj_cite": cite(point["Roj camp: everyone"]["source"]),
        "roj_foreign": point["Roj camp: third-country families"]["figure"].iloc[0].replace(" families", ""),
        "roj_foreign_date": point["Roj camp: third-country families"]["as_of_text"].iloc[0],
        "roj_foreign_cite": cite(point["Roj camp: third-country families"]["source"]),
        "sdf_people": point["Prisons run by the SDF: everyone"]["figure"].iloc[0].replace(" people", ""),
        "sdf_date": point["Prisons run by the SDF: everyone"]["as_of_text"].iloc[0],
        "sdf_cite": cite(point["Prisons run by the SDF: everyone"]["source"]),
        "sdf_later_text": phrases.count_words(len(sdf_later), "figure"),
        "alhol_jan_span": phrases.span(alhol_jan),
        "alhol_jan_cite": cite(views.one_per_publisher(src, alhol_jan["source"])),
        "alhol_iraqis_jan": phrases.alternatives(alhol_iraqis_jan["estimate"], alhol_iraqis_jan["qualifier"]),
        "alhol_iraqis_jan_cite": cite(alhol_iraqis_jan["source"]),
    }
