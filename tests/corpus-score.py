#!/usr/bin/env python3
"""Scores bounceparse on the shared corpus and fails under the floor.

usage: corpus-score.py BOUNCEPARSE SHARED_DIR FLOOR_JSON

Skips (exit 77, which meson counts as skipped) when the shared corpus or its
scorer is not there. The floor only ever goes up: raise it in the same
commit that raises the score.
"""
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77


def main():
    bounceparse, shared, floor_path = sys.argv[1:4]
    corpus = os.path.join(shared, "corpus", "sisimai")
    truth = os.path.join(shared, "corpus", "truth.json")
    scorer = os.path.join(shared, "eval", "score.py")
    if not (os.path.isdir(corpus) and os.path.isfile(truth) and os.path.isfile(scorer)):
        print("shared corpus or scorer not found: skipped")
        return SKIP
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".eml"))
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False) as out:
        res = subprocess.run([bounceparse, "--json"] + files, stdout=out, stderr=subprocess.PIPE,
                             text=True)
        out_path = out.name
    try:
        if res.returncode not in (0, 1):
            print("bounceparse failed:", res.returncode, res.stderr[-2000:])
            return 1
        score = subprocess.run([sys.executable, scorer, truth, out_path, "--json"],
                               stdout=subprocess.PIPE, text=True, check=True)
        summary = json.loads(score.stdout)
    finally:
        os.unlink(out_path)
    floor = json.load(open(floor_path))
    failed = False
    print("perfect: %.2f%% (floor %.2f%%)" % (summary["perfect_pct"], floor.get("perfect_pct", 0)))
    if summary["perfect_pct"] < floor.get("perfect_pct", 0):
        failed = True
    for field, want in sorted(floor.get("fields", {}).items()):
        got = summary["fields"].get(field) or 0.0
        mark = "" if got >= want else "   <-- under the floor"
        print("%-11s %6.2f%% (floor %.2f%%)%s" % (field, got, want, mark))
        if got < want:
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
