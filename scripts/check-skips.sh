#!/usr/bin/env bash
# Reads the JUnit XML reports of Surefire and Failsafe and judges the test run.
#
# A green Maven build can hide tests that never ran: a container test skipped because no
# Docker engine answered, or a class disabled by an assumption. So this fails when
#   - any test failed or errored,
#   - no test ran at all,
#   - any skipped test's message does not start with "Component absent:" (our convention
#     for "a component this test needs is truly absent on this machine"),
#   - a test class's report holds no test at all: an assumption that fails in @BeforeAll
#     skips the whole class, and Surefire then reports "0 tests" with no message and no skip,
#   - a report cannot be read.
# It prints counts per module, every skipped and failed test, and as its last line exactly
#   N passed, N failed, N skipped
#
#   scripts/check-skips.sh [--newer FILE] [DIR]
#     DIR       where to look for <module>/target/{surefire,failsafe}-reports/TEST-*.xml
#               (default: the repository root; modules may be nested)
#     --newer   only reports written after FILE was (test.sh passes a marker made before
#               Maven ran, so that reports of an earlier run are not counted)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NEWER=""
DIR="$ROOT"

while (($# > 0)); do
  case "$1" in
    --newer)
      NEWER="${2:?--newer needs a file}"
      shift 2
      ;;
    -h | --help)
      sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      DIR="$1"
      shift
      ;;
  esac
done

[[ -d "$DIR" ]] || {
  echo "ERROR: no folder $DIR" >&2
  exit 2
}
[[ -z "$NEWER" || -e "$NEWER" ]] || {
  echo "ERROR: no file $NEWER (--newer)" >&2
  exit 2
}
command -v python3 >/dev/null || {
  echo "ERROR: python3 is needed to read the test reports" >&2
  exit 2
}

# The reports, one per line. Dependencies' and tools' folders are not ours to count.
find_reports() {
  local newer=()
  [[ -n "$NEWER" ]] && newer=(-newer "$NEWER")
  find "$DIR" \( -name node_modules -o -name .git -o -name .run -o -name .data \) -prune -o \
    -type f -name 'TEST-*.xml' "${newer[@]}" \
    \( -path '*/target/surefire-reports/*' -o -path '*/target/failsafe-reports/*' \) -print | sort
}

mapfile -t REPORTS < <(find_reports)
python3 - "$DIR" "${REPORTS[@]}" <<'PYTHON'
import os
import sys
import xml.etree.ElementTree as ET
from collections import OrderedDict

PREFIX = "Component absent:"
root_dir = os.path.abspath(sys.argv[1])
paths = sys.argv[2:]


def module_of(path):
    """The module folder relative to the root: the part before /target/<kind>-reports/."""
    rel = "/" + os.path.relpath(os.path.abspath(path), root_dir).replace(os.sep, "/")
    return rel[1 : rel.rfind("/target/")] or "."


def first_line(text, limit=200):
    text = (text or "").strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 3] + "..."


counts = OrderedDict()
skipped, failed, unreadable, empty = [], [], [], []

for path in paths:
    module = module_of(path)
    kind = "failsafe" if "failsafe-reports" in path else "surefire"
    entry = counts.setdefault(module, {"passed": 0, "failed": 0, "skipped": 0, "files": 0})
    entry["files"] += 1
    try:
        tree = ET.parse(path)
    except (ET.ParseError, OSError) as e:
        unreadable.append((module, path, str(e)))
        continue
    cases = list(tree.getroot().iter("testcase"))
    if not cases:
        empty.append((module, kind, tree.getroot().get("name") or os.path.basename(path)))
    for case in cases:
        cls = case.get("classname") or "?"
        method = case.get("name") or cls  # a class-level error has no test name
        # A whole class skipped (e.g. by an ExecutionCondition) is reported under its own name.
        name = cls if method == cls else "%s.%s" % (cls, method)
        problems = [c for c in case if c.tag in ("failure", "error")]
        skip = case.find("skipped")
        if problems:
            entry["failed"] += 1
            p = problems[0]
            failed.append((module, kind, name, p.tag, first_line(p.get("message") or p.get("type") or p.text)))
        elif skip is not None:
            entry["skipped"] += 1
            message = (skip.get("message") or skip.text or "").strip()
            skipped.append((module, kind, name, message))
        else:
            entry["passed"] += 1

total = {k: sum(e[k] for e in counts.values()) for k in ("passed", "failed", "skipped")}
ran = total["passed"] + total["failed"]

print("Test reports: %d file(s) in %d module(s) under %s" % (len(paths), len(counts), root_dir))
if counts:
    width = max(12, max(len(m) for m in counts))
    print("  %-*s %7s %7s %8s" % (width, "module", "passed", "failed", "skipped"))
    for module, e in counts.items():
        print("  %-*s %7d %7d %8d" % (width, module, e["passed"], e["failed"], e["skipped"]))

bad_skips = [s for s in skipped if not s[3].startswith(PREFIX)]
if skipped:
    print("Skipped tests (%d):" % len(skipped))
    for module, kind, name, message in skipped:
        mark = "  " if message.startswith(PREFIX) else "! "
        print("  %s%s [%s] %s: %s" % (mark, module, kind, name, message or "(no message)"))
if failed:
    print("Failed tests (%d):" % len(failed))
    for module, kind, name, tag, message in failed:
        print("  %s [%s] %s: %s: %s" % (module, kind, name, tag, message))
if empty:
    print("Test classes that ran no test (%d):" % len(empty))
    for module, kind, name in empty:
        print("  ! %s [%s] %s: 0 tests (a class-level assumption or condition hid them)" % (module, kind, name))
for module, path, error in unreadable:
    print("Unreadable report %s: %s" % (path, error))

verdicts = []
if failed:
    verdicts.append("%d test(s) failed or errored" % len(failed))
if ran == 0:
    verdicts.append("no test ran (no reports found, or every test was skipped)")
if bad_skips:
    verdicts.append(
        "%d skipped test(s) (marked !) do not start with '%s': only a truly absent component "
        "may skip a test" % (len(bad_skips), PREFIX)
    )
if empty:
    verdicts.append(
        "%d test class(es) ran no test: a whole class skipped leaves no message to judge, so it "
        "counts as an unexpected skip (provision what it needs)" % len(empty)
    )
if unreadable:
    verdicts.append("%d report(s) could not be read" % len(unreadable))
if verdicts:
    for v in verdicts:
        print("FAILED: " + v)
else:
    print("OK: every test passed%s" % (" or was skipped for an absent component" if skipped else ""))

print("%d passed, %d failed, %d skipped" % (total["passed"], total["failed"], total["skipped"]))
sys.exit(1 if verdicts else 0)
PYTHON
