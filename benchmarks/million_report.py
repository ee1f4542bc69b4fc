"""Markdown tables from the JSON of ``benchmarks.million`` (one or more files, e.g. one
per engine run side by side), for ``docs/benchmarks.md``.

    .venv/bin/python -m benchmarks.million_report sqlite.json postgresql.json
"""

from __future__ import annotations

import json
import sys
from typing import Any


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _cell(row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    if "error" in row:
        return "error"
    text = _ms(row["app_ms"])
    if row.get("floor_ms") is not None:
        text += f" / {_ms(row['floor_ms'])}"
    if row.get("growth") is not None:
        text += f" (g {row['growth']:.1f})"
    return text


def render(docs: list[dict[str, Any]]) -> str:
    results = [r for d in docs for r in d["results"]]
    big = max(d["meta"]["tickets"] for d in docs)
    engines = list(dict.fromkeys(r["engine"] for r in results))
    at = {(r["engine"], r["tickets"], r["group"], r["name"]): r for r in results}
    out = ["| generation | " + " | ".join(engines) + " |", "|---|" + "---|" * len(engines)]
    for d in docs:
        for key, gen in d["generation"].items():
            secs = gen.get("wall_seconds")
            out.append(f"| {key} | {secs} s wall |" if secs else f"| {key} | {gen} |")
    out += ["", "Queue pages at " + f"{big:,}" + " tickets: app ms / floor ms (g = growth "
            "from the small size); middle = after row 10,000, last = reversed order's first",
            ""]  # fmt: skip
    head = "| view, sort | " + " | ".join(f"{e} first | {e} middle | {e} last" for e in engines)
    out += [head + " |", "|---|" + "---|---|---|" * len(engines)]
    names = dict.fromkeys(r["name"].rsplit(", ", 1)[0] for r in results if r["group"] == "page")
    for name in names:
        cells = [
            _cell(at.get((e, big, "page", f"{name}, {pos}")))
            for e in engines
            for pos in ("first", "middle", "last")
        ]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    for group in ("filter", "search", "count", "report", "write"):
        out += ["", f"| {group} | " + " | ".join(engines) + " |", "|---|" + "---|" * len(engines)]
        for name in dict.fromkeys(r["name"] for r in results if r["group"] == group):
            cells = []
            for e in engines:
                row = at.get((e, big, group, name))
                extra = (
                    f", {row['statements']:.0f} statements" if row and "statements" in row else ""
                )
                cells.append(_cell(row) + extra)
            out.append(f"| {name} | " + " | ".join(cells) + " |")
    out += ["", _summary(results, big, engines)]
    return "\n".join(out)


def _summary(results: list[dict[str, Any]], big: int, engines: list[str]) -> str:
    lines = []
    for e in engines:
        mine = [r for r in results if r["engine"] == e and r["tickets"] == big and "app_ms" in r]
        floored = [r for r in mine if r.get("ratio") is not None]
        over = [r for r in floored if r["ratio"] > 3]
        grown = [r for r in mine if r.get("growth") is not None and r["group"] == "page"]
        worst = max(grown, key=lambda r: r["growth"], default=None)
        lines.append(
            f"- {e}: {len(over)} of {len(floored)} measurements above 3x their floor; "
            f"pages grown more than 1.5x from the small size: "
            f"{sum(1 for r in grown if r['growth'] > 1.5)} of {len(grown)}"
            + (f" (worst: {worst['name']}, {worst['growth']}x)" if worst else "")
        )
    return "\n".join(lines)


def main() -> None:
    docs = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as fh:
            docs.append(json.load(fh))
    print(render(docs))


if __name__ == "__main__":
    main()
