#!/usr/bin/env python3
"""The man pages say what the program and the library do.

usage: check-man.py BOUNCEPARSE bounceparse.1 libbounce.3 DATA_DIR HEADER...

  - every option `bounceparse --help` lists is in bounceparse.1;
  - every JSON field `bounceparse --json` prints for tests/data is in it;
  - every function the headers declare is in libbounce.3 (generated from them);
  - both pages render with man(1) without a warning (when man is installed).
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys


def roff_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\\-", "-").replace("\\fB", "").replace("\\fI", "") \
            .replace("\\fR", "").replace("\\fP", "")


def keys(report, out):
    """The field names of one JSON line: the report's, the recipients', the
    original's (the members of `sources` are recipient field names)."""
    out.update(report)
    for rc in report.get("recipients", []):
        out.update(rc)
    out.update(report.get("original", {}))


def main():
    bounceparse, page1, page3, data = sys.argv[1:5]
    headers = sys.argv[5:]
    failures = []

    text1 = roff_text(page1)
    help_text = subprocess.run([bounceparse, "--help"], stdout=subprocess.PIPE, text=True,
                               check=True).stdout
    for opt in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", help_text))):
        if not re.search(r"(?<![\w-])" + re.escape(opt) + r"(?![\w-])", text1):
            failures.append(f"bounceparse.1 does not document option {opt}")

    files = sorted(glob.glob(os.path.join(data, "*.eml")))
    out = subprocess.run([bounceparse, "--json"] + files, stdout=subprocess.PIPE, text=True).stdout
    found = set()
    for line in out.splitlines():
        keys(json.loads(line), found)
    if not found:
        failures.append("bounceparse --json printed nothing for " + data)
    for k in sorted(found):
        if not re.search(r"(?<![\w-])" + re.escape(k) + r"(?![\w-])", text1):
            failures.append(f"bounceparse.1 does not document JSON field {k}")

    text3 = roff_text(page3)
    decl = re.compile(r"^BOUNCE_API\b[^;]*?\b(bounce_\w+)\s*\(", re.M)
    for h in headers:
        with open(h, encoding="utf-8") as f:
            for name in decl.findall(f.read()):
                if name + "(" not in text3:
                    failures.append(f"libbounce.3 does not document {name}()")

    if shutil.which("man"):
        for page in (page1, page3):
            r = subprocess.run(["man", "--warnings", "-l", page], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, MANWIDTH="80", MAN_DISABLE_SECCOMP="1"))
            if r.returncode != 0 or r.stderr.strip():
                failures.append(f"man -l {page}: status {r.returncode}: {r.stderr.strip()}")
            elif len(r.stdout) < 1000:
                failures.append(f"man -l {page} rendered only {len(r.stdout)} characters")
    else:
        print("man not installed: rendering not checked")

    for f in failures:
        print(f)
    if failures:
        return 1
    print(f"man pages: {len(found)} JSON fields and every option and function documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
