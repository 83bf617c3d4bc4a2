#!/usr/bin/env python3
"""The library exports exactly the recorded symbols, each in its version node.

usage: check-exports.py LIBRARY SYMBOLS_LIST HEADER...
       check-exports.py LIBRARY SYMBOLS_LIST --update

Three checks, each printing a diff when it fails:
  1. `nm -D --defined-only LIBRARY` equals SYMBOLS_LIST (abi/libbounce.symbols),
     one `name@@node` a line: nothing is exported, removed or moved to another
     version node without the list (and so a review) saying so;
  2. every exported name starts with bounce_;
  3. the exported names are the functions the public headers declare with
     BOUNCE_API: a function added to the header but not to lib/libbounce.map
     is caught here, not by a user's linker.

--update rewrites SYMBOLS_LIST from the library (docs/ABI.md says when).
Skips (exit 77) when nm is not installed.
"""
import re
import shutil
import subprocess
import sys

SKIP = 77
DECL = re.compile(r"^BOUNCE_API\b[^;]*?\b(bounce_\w+)\s*\(", re.M)


def exported(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        # "ADDR T name@@node"; the version nodes themselves are type A.
        if len(parts) == 3 and parts[1] != "A":
            syms.append(parts[2])
    return sorted(syms)


def declared(headers):
    names = set()
    for h in headers:
        with open(h, encoding="utf-8") as f:
            names.update(DECL.findall(f.read()))
    return names


def report(title, missing, extra):
    print(title)
    for s in sorted(missing):
        print("  - " + s)
    for s in sorted(extra):
        print("  + " + s)


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    update = len(args) != len(sys.argv) - 1
    if len(args) < (2 if update else 3):
        print(__doc__)
        return 2
    library, listing, headers = args[0], args[1], args[2:]
    if shutil.which("nm") is None:
        print("nm not found: skipped")
        return SKIP
    syms = exported(library)
    if update:
        with open(listing, "w", encoding="utf-8") as f:
            f.write("".join(s + "\n" for s in syms))
        print(f"wrote {len(syms)} symbols to {listing}")
        return 0

    ok = True
    with open(listing, encoding="utf-8") as f:
        recorded = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    if syms != sorted(recorded):
        ok = False
        report(f"exports differ from {listing} (- recorded only, + exported only):",
               set(recorded) - set(syms), set(syms) - set(recorded))

    names = {s.split("@")[0] for s in syms}
    bad = sorted(n for n in names if not n.startswith("bounce_"))
    if bad:
        ok = False
        report("exported names without the bounce_ prefix:", [], bad)

    decl = declared(headers)
    if not decl:
        print("no BOUNCE_API declarations found in", " ".join(headers))
        return 1
    if names != decl:
        ok = False
        report("exports differ from the BOUNCE_API declarations "
               "(- declared, not exported: add to lib/libbounce.map; + exported, not declared):",
               decl - names, names - decl)

    if ok:
        print(f"{len(syms)} exported symbols, as recorded and declared")
        return 0
    print("If the change is meant, read docs/ABI.md, then run:\n"
          f"  {sys.argv[0]} {library} {listing} --update")
    return 1


if __name__ == "__main__":
    sys.exit(main())
