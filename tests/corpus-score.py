#!/usr/bin/env python3
"""Scores bounceparse on the shared corpus and fails under the floor.

usage: corpus-score.py BOUNCEPARSE SHARED_DIR FLOOR_JSON

Skips (exit 77, which meson counts as skipped) when the shared corpus or its
scorer is not there. The floor only ever goes up: raise it in the same
commit that raises the score.

The corpus is scored three times: as stored (LF), and rewritten with CRLF and
with CR-only line ends, as Windows clients and old Macs save mail. A reading
that depends on the line end shows as a drop in the second or third run.
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
    floor = json.load(open(floor_path))
    failed = False
    for name, eol in (("LF", None), ("CRLF", b"\r\n"), ("CR", b"\r")):
        with tempfile.TemporaryDirectory() as tmp:
            run_files = files if eol is None else [rewrite_eol(f, tmp, eol) for f in files]
            summary = score(bounceparse, run_files, truth, scorer)
        if summary is None:
            return 1
        print("line ends %s" % name)
        failed |= under_floor(summary, floor)
    return 1 if failed else 0


def rewrite_eol(path, tmp, eol):
    """A copy of path in tmp whose lines end in eol (a stored CRLF stays one line end)."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    data = eol.join(l[:-1] if l.endswith(b"\r") else l for l in lines)
    out = os.path.join(tmp, os.path.basename(path))
    with open(out, "wb") as f:
        f.write(data)
    return out


def score(bounceparse, files, truth, scorer):
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False) as out:
        res = subprocess.run([bounceparse, "--json"] + files, stdout=out, stderr=subprocess.PIPE,
                             text=True)
        out_path = out.name
    try:
        if res.returncode not in (0, 1):
            print("bounceparse failed:", res.returncode, res.stderr[-2000:])
            return None
        scored = subprocess.run([sys.executable, scorer, truth, out_path, "--json"],
                                stdout=subprocess.PIPE, text=True, check=True)
        return json.loads(scored.stdout)
    finally:
        os.unlink(out_path)


def under_floor(summary, floor):
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
    return failed


if __name__ == "__main__":
    sys.exit(main())
