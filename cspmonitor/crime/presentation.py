"""Shape a stored assessment result for its page: which rows, in what order, in what words."""

from __future__ import annotations

from dataclasses import dataclass

from cspmonitor.analysis.names import ALL_AREAS, ALL_TYPES


@dataclass
class AssessmentPage:
    result: dict

    @property
    def area_names(self) -> dict[str, str]:
        return self.result["areas"]

    def _name(self, area: str) -> str:
        return self.area_names.get(area, area)

    @property
    def headline(self) -> dict:
        row = next(
            r for r in self.result["totals"] if r["area"] == ALL_AREAS and r["crime_type"] == ALL_TYPES
        )
        change = self.change_for(ALL_AREAS, ALL_TYPES)
        return {**row, "change": change}

    def change_for(self, area: str, crime_type: str) -> dict | None:
        for row in self.result.get("changes", {}).get("rows", []):
            if row["area"] == area and row["crime_type"] == crime_type:
                return row
        return None

    @property
    def partnership_changes(self) -> list[dict]:
        rows = [r for r in self.result.get("changes", {}).get("rows", []) if r["area"] == ALL_AREAS]
        return sorted(rows, key=lambda r: (r["crime_type"] != ALL_TYPES, -r["current"]))

    @property
    def district_changes(self) -> list[dict]:
        """Significant changes in single districts (the partnership-wide ones are above)."""
        return [
            {**r, "area_name": self._name(r["area"])}
            for r in self.result.get("changes", {}).get("rows", [])
            if r["area"] != ALL_AREAS and r["wording"] != "within normal variation"
        ]

    @property
    def emerging(self) -> list[dict]:
        return [{**r, "area_name": self._name(r["area"])} for r in self.result["emerging"]["flagged"]]

    @property
    def rates(self) -> list[dict]:
        return [
            {**r, "area_name": self._name(r["area"])}
            for r in self.result["rates"]["rows"]
            if r["crime_type"] == ALL_TYPES
        ]

    @property
    def lsoas(self) -> list[dict]:
        return [{**r, "district_name": self._name(r["district"])} for r in self.result["lsoas"]]

    @property
    def hot_lsoas(self) -> list[dict]:
        rows = self.result.get("hotspots_lsoa", {}).get("rows", [])
        return [
            {**r, "district_name": self._name(r["district"])}
            for r in rows
            if r["class"] != "not significant" or r["trend"] != "none"
        ]

    @property
    def hotspot_notes(self) -> list[str]:
        """What the hotspot stages could not compute yet, in words."""
        notes = []
        for key, label in (("hotspots_lsoa", "LSOA hotspots"), ("hotspots_grid", "Grid hotspots")):
            section = self.result.get(key, {})
            if section.get("not_enough_data"):
                notes.append(f"{label}: {section['not_enough_data']}")
            if section.get("trend_not_enough_data"):
                notes.append(f"{label}, trend on last year: {section['trend_not_enough_data']}")
        return notes

    @property
    def near_repeats(self) -> list[dict]:
        section = self.result.get("near_repeats", {})
        out = []
        for crime_type, knox in section.get("by_type", {}).items():
            rows = []
            for d, label in enumerate(knox["distance_bands_m"]):
                cells = [
                    {
                        "observed": knox["observed"][d][t],
                        "ratio": knox["ratio"][d][t],
                        "p": knox["p_values"][d][t],
                    }
                    for t in range(len(knox["time_bands_months"]))
                ]
                rows.append({"label": label, "cells": cells})
            out.append(
                {
                    "crime_type": crime_type,
                    "events": knox["events"],
                    "time_labels": knox["time_bands_months"],
                    "rows": rows,
                }
            )
        return out

    @property
    def monthly_table(self) -> list[dict]:
        months = self.result["monthly"]["months"]
        series = next(
            s["counts"]
            for s in self.result["monthly"]["series"]
            if s["area"] == ALL_AREAS and s["crime_type"] == ALL_TYPES
        )
        return [{"month": m, "count": c} for m, c in zip(months, series, strict=True) if c]
