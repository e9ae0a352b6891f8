#!/usr/bin/env python3
"""Checks what a Prometheus scraped from a running ThemePress platform (scripts/ops/*-test.sh call it).

  check-metrics.py PROMETHEUS_URL ROOT [--wait SECONDS]

Waits (up to --wait) until the four services are up and the seed's three metrics are there, then fails
(exit 1, saying why) unless:
  - up{job="themepress"} is 1 for api-gateway, addon-server, addon-runtime and widget-renderer;
  - addon_executions_total has addon_id, function_name and status, and the seed's payment is counted;
  - addon_response_time_seconds has addon_id and function_name and the buckets 0.1, 0.5, 1, 2, 5, 10;
  - widget_render_time_seconds has addon_id and widget_id and the buckets 0.01, 0.05, 0.1, 0.5, 1;
  - every query of the Grafana dashboard (ops/grafana/themepress.json) runs, and every metric it or an
    alert rule (ops/prometheus/rules/*.yml) names exists: scraped now, or (counters made at their first
    increment, e.g. dead letters) registered by name in the services' main sources.
"""
import json
import pathlib
import re
import sys
import time
import urllib.parse
import urllib.request

SERVICES = {"api-gateway", "addon-server", "addon-runtime", "widget-renderer"}
SEED = {
    "addon_response_time_seconds": ({"addon_id", "function_name"}, [0.1, 0.5, 1, 2, 5, 10]),
    "widget_render_time_seconds": ({"addon_id", "widget_id"}, [0.01, 0.05, 0.1, 0.5, 1]),
}
# Names in a query that are not metrics: PromQL's functions and keywords come before "(", never "{"/"[".
METRIC = re.compile(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{\[]")
SUFFIXES = ("_bucket", "_count", "_sum", "_max", "_total", "_seconds")
# two of ops/prometheus/*.yml's 15 s scrape intervals
NAMES_GRACE_SECONDS = 30


def query(base, promql):
    url = base + "/api/v1/query?" + urllib.parse.urlencode({"query": promql})
    with urllib.request.urlopen(url, timeout=10) as answer:
        body = json.load(answer)
    if body.get("status") != "success":
        raise ValueError(f"{promql}: {body}")
    return body["data"]["result"]


def label_values(base, name):
    with urllib.request.urlopen(f"{base}/api/v1/label/__name__/values", timeout=10) as answer:
        return set(json.load(answer)["data"])


def problems_with_scrape(base):
    found = []
    up = {r["metric"].get("service"): r["value"][1] for r in query(base, 'up{job="themepress"}')}
    for service in sorted(SERVICES):
        if up.get(service) != "1":
            found.append(f"up{{service={service!r}}} is {up.get(service)} (scrape failed or target missing)")
    executions = query(base, 'addon_executions_total{addon_id="payment-gateway",function_name="process-payment"}')
    if not executions:
        found.append("addon_executions_total has no series for the seed's payment (payment-gateway/process-payment)")
    for series in executions:
        missing = {"addon_id", "function_name", "status", "service"} - series["metric"].keys()
        if missing:
            found.append(f"addon_executions_total lacks the labels {sorted(missing)}: {series['metric']}")
    for name, (labels, buckets) in SEED.items():
        series = query(base, f"{name}_bucket")
        if not series:
            found.append(f"{name}_bucket was not scraped")
            continue
        by_series = {}
        for s in series:
            missing = labels - s["metric"].keys()
            if missing:
                found.append(f"{name} lacks the labels {sorted(missing)}: {s['metric']}")
            key = tuple(sorted((k, v) for k, v in s["metric"].items() if k != "le"))
            by_series.setdefault(key, set()).add(s["metric"]["le"])
        for key, les in by_series.items():
            got = sorted(float(le) for le in les if le != "+Inf")
            if got != buckets or "+Inf" not in les:
                found.append(f"{name}{dict(key)} has the buckets {sorted(les)}, not {buckets} and +Inf")
    return found


def rule_exprs(text):
    """The expr of each rule: inline, or the indented block under "expr: |"."""
    exprs, lines = [], text.splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*)expr:\s*(.*)$", line)
        if not match:
            continue
        if match.group(2).strip() not in ("|", ">", "|-", ">-"):
            exprs.append(match.group(2))
            continue
        indent, block = len(match.group(1)), []
        for following in lines[i + 1:]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            block.append(following.strip())
        exprs.append(" ".join(block))
    return exprs


def source_names(root):
    names = set()
    for path in root.glob("*/src/main/java/**/*.java"):
        for literal in re.findall(r'"([a-z][a-z0-9_.]*)"', path.read_text(encoding="utf-8")):
            names.add(literal.replace(".", "_"))
    return names


def exists(name, scraped, sources):
    if name in scraped or name == "up":
        return "scraped" if name in scraped else "built in"
    candidate = name
    while True:
        if candidate in sources:
            return "named in the sources"
        for suffix in SUFFIXES:
            if candidate.endswith(suffix):
                candidate = candidate[: -len(suffix)]
                break
        else:
            return None


def problems_with_names(base, root):
    found = []
    scraped = label_values(base, "__name__")
    sources = source_names(root)
    dashboard = json.loads((root / "ops/grafana/themepress.json").read_text(encoding="utf-8"))
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    if len(exprs) < 6:
        found.append(f"the dashboard has only {len(exprs)} queries")
    for expr in exprs:
        runnable = expr.replace("$__rate_interval", "1m").replace("$addon", ".*")
        try:
            query(base, runnable)
        except Exception as error:  # a query Prometheus refuses is a broken panel
            found.append(f"dashboard query fails: {runnable}: {error}")
    rules = [e for p in sorted((root / "ops/prometheus/rules").glob("*.yml")) for e in rule_exprs(p.read_text(encoding="utf-8"))]
    if len(rules) < 10:
        found.append(f"only {len(rules)} alert rule expressions were found")
    named = {("dashboard", n) for e in exprs for n in METRIC.findall(e)}
    named |= {("alert rules", n) for e in rules for n in METRIC.findall(e)}
    for where, name in sorted(named):
        how = exists(name, scraped, sources)
        if how is None:
            found.append(f"the {where} name {name}, which is neither scraped nor registered in the sources")
    summary = (f"  {len(exprs)} dashboard queries ran; {len(named)} metric names checked "
               f"({sum(1 for _, n in named if n in scraped)} scraped)")
    return found, summary


def main():
    base, root = sys.argv[1].rstrip("/"), pathlib.Path(sys.argv[2])
    wait = float(sys.argv[sys.argv.index("--wait") + 1]) if "--wait" in sys.argv else 0
    deadline = time.monotonic() + wait
    while True:
        try:
            found = problems_with_scrape(base)
        except Exception as error:  # Prometheus still starting
            found = [f"Prometheus at {base} does not answer: {error}"]
        if not found or time.monotonic() > deadline:
            break
        time.sleep(1)
    if not found:
        print("  seed metrics scraped with their labels and buckets; all four services up")
        # Prometheus scrapes each service at its own moment in the interval: the seed's metrics of one
        # service may be in while another's (the gateway's route timings) wait for its next scrape. So a
        # missing name is asked again until two scrape intervals have passed, then it fails.
        names_deadline = max(deadline, time.monotonic() + NAMES_GRACE_SECONDS)
        while True:
            found, summary = problems_with_names(base, root)
            if not found or time.monotonic() > names_deadline:
                break
            time.sleep(2)
        print(summary)
    for problem in found:
        print(f"FAIL: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
