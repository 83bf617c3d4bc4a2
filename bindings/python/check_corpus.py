#!/usr/bin/env python3
"""The Python binding gives what `bounceparse --json` gives, on every message
of the shared corpus.

usage: check_corpus.py BOUNCEPARSE SHARED_DIR

Runs bounceparse once over SHARED_DIR/corpus/sisimai/*.eml and the binding
over the same files, and compares the JSON objects line by line (as values,
not bytes: the two JSON writers escape differently). Skips (exit 77, which
meson counts as skipped) when the corpus is not there.
"""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import libbounce  # noqa: E402

SKIP = 77


def main():
    bounceparse, shared = sys.argv[1:3]
    files = sorted(glob.glob(os.path.join(shared, "corpus", "sisimai", "*.eml")))
    if not files:
        print(f"no corpus in {shared}/corpus/sisimai: skipped")
        return SKIP
    res = subprocess.run([bounceparse, "--json"] + files, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if res.returncode not in (0, 1):
        print("bounceparse failed:", res.returncode, res.stderr[-2000:])
        return 1
    expected = [json.loads(line) for line in res.stdout.splitlines()]
    got = []
    errors = []
    for f in files:
        got.extend(libbounce.parse_path(f, libbounce.Options(), errors))

    diffs = 0
    if len(got) != len(expected):
        print(f"bounceparse printed {len(expected)} objects, the binding {len(got)}")
        diffs += 1
    for e, g in zip(expected, got):
        if e != g:
            diffs += 1
            if diffs <= 5:
                print("differs:", e.get("file"), e.get("index"))
                for k in sorted(set(e) | set(g)):
                    if e.get(k) != g.get(k):
                        print(f"  {k}: bounceparse {e.get(k)!r}\n  {' ' * len(k)}  binding     "
                              f"{g.get(k)!r}")
    recipients = sum(len(o["recipients"]) for o in expected)
    print(f"{len(files)} files, {len(expected)} messages, {recipients} recipients; "
          f"{len(errors)} unreadable; {diffs} differences (library {libbounce.library_path})")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
