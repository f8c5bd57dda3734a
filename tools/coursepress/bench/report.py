"""The benchmark's report: every figure, and the ratios the targets are set on.

``report.json`` holds the raw figures and the ratios; ``report.md`` the same as
tables. Ratios are of wall time unless named otherwise; each compares figures
taken in the same run, on the same machine, a few minutes apart.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .measure import Measure
from .runner import Row, Run

#: Ratio name -> (what it compares, the target it must meet: "<= x").
TARGETS: dict[str, tuple[str, float]] = {
    "html_vs_basic": ("book HTML / basic-theme floor", 1.5),
    "pdf_vs_floor": ("book PDF / (basic singlehtml + plain WeasyPrint)", 1.3),
    "all_vs_sum": ("everything at once / sum of the separate builds", 0.65),
    "html_edit_vs_clean": ("HTML after one chapter edit / clean HTML", 0.25),
    "slides_edit_vs_clean": ("slides after one chapter edit / clean slides", 0.25),
    "nox_nochange_vs_empty": ("nox -s build, nothing changed / empty session", 2.0),
    "pdf_peak_gb": ("book PDF build, peak memory in GB (10^9 bytes)", 1.5),
    "html_scaling": ("HTML at the largest size / smallest, per chapter x", 1.1),
}


def _ratio(a: Measure | None, b: float | None, attr: str = "wall") -> float | None:
    if a is None or not b or a.returncode:
        return None
    return round(getattr(a, attr) / b, 3)


def ratios(run: Run, outputs: list[str], nox: list[Row]) -> dict[str, float | None]:
    found: dict[str, float | None] = {}
    floor_html = run.find("floor", "html (basic theme)")
    single = run.find("floor", "singlehtml (basic theme)")
    weasy = run.find("floor", "WeasyPrint (basic singlehtml)")
    html, pdf = run.find("clean", "html"), run.find("clean", "pdf")
    for attr in ("wall", "cpu"):
        suffix = "" if attr == "wall" else "_cpu"
        if floor_html:
            found["html_vs_basic" + suffix] = _ratio(
                html, getattr(floor_html, attr), attr
            )
        if single and weasy:
            floor = getattr(single, attr) + getattr(weasy, attr)
            found["pdf_vs_floor" + suffix] = _ratio(pdf, floor, attr)
    if pdf is not None and not pdf.returncode:
        found["pdf_peak_gb"] = round(pdf.peak_mb * 2**20 / 1e9, 3)
    separate = [run.find("clean", name) for name in outputs]
    if all(m is not None and not m.returncode for m in separate):
        total = sum(m.wall for m in separate if m is not None)
        found["all_vs_sum"] = _ratio(run.find("clean", "all"), total)
    for name in ("html", "slides"):
        clean = run.find("clean", name)
        found[f"{name}_edit_vs_clean"] = _ratio(
            run.find("edit one chapter", name), clean.wall if clean else None
        )
    by_name = {row.output: row.measure for row in nox}
    empty = by_name.get("empty session")
    found["nox_nochange_vs_empty"] = _ratio(
        by_name.get("build, nothing changed"), empty.wall if empty else None
    )
    return found


def scaling(runs: list[Run]) -> dict[str, float | None]:
    """Time per chapter at the largest size over the smallest (1.0: linear)."""
    if len(runs) < 2:
        return {}
    small, large = runs[0], runs[-1]
    found: dict[str, float | None] = {}
    for output in ("html", "pdf"):
        a, b = small.find("clean", output), large.find("clean", output)
        if a and b and not a.returncode and not b.returncode and a.wall:
            found[f"{output}_time_ratio"] = round(b.wall / a.wall, 3)
            found[f"{output}_scaling"] = round(
                (b.wall / large.chapters) / (a.wall / small.chapters), 3
            )
    return found


def environment() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
    }


def _status(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    target = TARGETS.get(name)
    if not target:
        return ""
    return "met" if value <= target[1] else "missed"


def _row(row: Row) -> str:
    m = row.measure
    state = "" if not m.returncode else f" (failed: {m.returncode})"
    return (
        f"| {row.scenario} | {row.output}{state} | {m.wall:.1f} | {m.cpu:.1f} "
        f"| {m.peak_mb:.0f} | {row.note} |"
    )


def markdown(runs: list[Run], outputs: list[str], nox: list[Row], env: dict) -> str:
    lines = [
        "# Benchmark of the publishing pipeline",
        "",
        f"Python {env['python']}, {env['cpus']} CPUs, load average at the end "
        f"{env['load_average']}. Wall and CPU in seconds, peak memory in MiB "
        "(largest single process).",
        "",
    ]
    for run in runs:
        lines += [
            f"## {run.chapters} chapters",
            "",
            "| scenario | output | wall s | CPU s | peak MiB | note |",
            "|---|---|---:|---:|---:|---|",
            *(_row(row) for row in run.rows),
            "",
            "| ratio | value | target | status |",
            "|---|---:|---:|---|",
        ]
        for name, value in ratios(run, outputs, nox).items():
            target = TARGETS.get(name)
            lines.append(
                f"| {name} | {'n/a' if value is None else value} "
                f"| {f'<= {target[1]}' if target else ''} | {_status(name, value)} |"
            )
        lines.append("")
    if nox:
        lines += [
            "## nox",
            "",
            "| scenario | output | wall s | CPU s | peak MiB | note |",
            "|---|---|---:|---:|---:|---|",
            *(_row(row) for row in nox),
            "",
        ]
    scale = scaling(runs)
    if scale:
        lines += ["## Scaling", "", "| figure | value | status |", "|---|---:|---|"]
        lines += [
            f"| {name} | {value} | {_status(name, value)} |"
            for name, value in scale.items()
        ]
        lines.append("")
    lines += [
        "Targets: "
        + "; ".join(
            f"{name}: {what} <= {limit}" for name, (what, limit) in TARGETS.items()
        )
        + ".",
        "",
    ]
    return "\n".join(lines)


def write(
    folder: Path, runs: list[Run], outputs: list[str], nox: list[Row]
) -> tuple[Path, Path]:
    """Write ``report.json`` and ``report.md`` to ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    env = environment()
    data = {
        "environment": env,
        "outputs": outputs,
        "runs": [
            {
                "chapters": run.chapters,
                "rows": [asdict(row) for row in run.rows],
                "ratios": ratios(run, outputs, nox),
            }
            for run in runs
        ],
        "nox": [asdict(row) for row in nox],
        "scaling": scaling(runs),
        "targets": {name: limit for name, (_, limit) in TARGETS.items()},
    }
    json_path, md_path = folder / "report.json", folder / "report.md"
    json_path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    md_path.write_text(markdown(runs, outputs, nox, env), encoding="utf-8")
    return json_path, md_path
