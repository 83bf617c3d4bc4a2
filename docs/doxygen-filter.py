#!/usr/bin/env python3
"""Doxygen input filter for libbounce's headers (INPUT_FILTER in Doxyfile.in).

The headers are written to be read as plain C: sections are marked
`/** ## Title */` and parameters are named GMime-style, `@name`. This turns
them into Doxygen's forms, keeping every line where it was (so the line
numbers Doxygen shows are the header's):
  - `/** ## Title */` opens a group (a Doxygen module) named Title, closing
    the one before;
    the last group is closed before the `#ifdef __cplusplus` that ends the
    header;
  - every other `@word` in a doc comment names a parameter and becomes
    `@p word` (even `@code` or `@name`: the headers use no Doxygen command
    but `@file`).
"""
import re
import sys

COMMANDS = {"file"}  # the only Doxygen command the headers use
SECTION = re.compile(r"^/\*\* ## (.+?) \*/\s*$")
PARAM = re.compile(r"@(\w+)")


def param(m):
    return m.group(0) if m.group(1) in COMMANDS else "@p " + m.group(1)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    open_group = False
    in_doc = False
    out = []
    for i, line in enumerate(lines):
        m = SECTION.match(line)
        if m:
            close = "/** @} */ " if open_group else ""
            slug = re.sub(r"\W+", "_", m.group(1).lower()).strip("_")
            out.append(f"{close}/** @defgroup {slug} {m.group(1)} */ /** @{{ */")
            open_group = True
            continue
        if open_group and line.startswith("#ifdef __cplusplus") and i > len(lines) // 2:
            out.append("/** @} */ " + line)
            open_group = False
            continue
        # Rewrite @name only inside doc comments.
        start = line.find("/**")
        if in_doc or start >= 0:
            begin = 0 if in_doc else start
            end = line.find("*/", begin)
            stop = len(line) if end < 0 else end
            line = line[:begin] + PARAM.sub(param, line[begin:stop]) + line[stop:]
            in_doc = end < 0
        out.append(line)
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
