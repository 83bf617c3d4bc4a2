#!/usr/bin/env python3
"""Writes the libbounce(3) man page from the doc comments of the public headers.

usage: make-man-page.py OUTPUT VERSION bounce.h bounce-version.h bounce-gmime.h

The headers are the one source of the API's documentation (Doxygen reads the
same comments). What is read:
  - the opening `/** @file ... */` comment of bounce.h: its first paragraphs
    are the DESCRIPTION, each `## Title` in it starts a section;
  - `/** ## Title */` starts a subsection of FUNCTIONS AND TYPES;
  - a `/** ... */` comment and the declarations after it (functions, typedefs,
    enums with their commented values, macros) make one entry.
`@name` in a comment is a parameter (italic); `name()` a function (bold).
"""
import re
import sys

COMMENT = re.compile(r"/\*\*(.*?)\*/", re.S)


def clean_comment(body):
    """The text of a doc comment, without its frame, as lines."""
    lines = body.split("\n")
    out = []
    for line in lines:
        line = re.sub(r"^\s*\*(?!/) ?", "", line) if out or line.strip().startswith("*") else line
        out.append(line.rstrip())
    text = "\n".join(out).strip("\n")
    # Shift the block left by its common indentation.
    rows = text.split("\n")
    indent = min((len(r) - len(r.lstrip()) for r in rows if r.strip()), default=0)
    return [r[indent:] if len(r) >= indent else r.strip() for r in rows]


def inline(text):
    """One line of comment text in roff."""
    text = text.replace("\\", "\\e")
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    text = re.sub(r"@(\w+)", r"\\fI\1\\fR", text)
    text = re.sub(r"\b(\w+)\(\)", r"\\fB\1\\fR()", text)
    text = re.sub(r"(?<![\w\\])-(?=[-\d])", r"\\-", text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def paragraphs(lines, out, heading=None):
    """Comment lines as roff paragraphs, bullets and (when heading is given)
    `## Title` sections through heading(title)."""
    para = []

    def flush():
        if para:
            out.append(".PP")
            out.extend(inline(l) for l in para)
            para.clear()

    bullet = False
    for line in lines:
        s = line.strip()
        if not s:
            flush()
            bullet = False
            continue
        if heading and s.startswith("## "):
            flush()
            out.append(heading(s[3:]))
            continue
        if s.startswith("- "):
            flush()
            out.append('.IP "\\(bu" 2')
            out.append(inline(s[2:]))
            bullet = True
            continue
        if bullet:
            out.append(inline(s))
        else:
            para.append(s)
    flush()


def squeeze(code):
    return re.sub(r"\s+", " ", code).strip()


def function(decl):
    """`BOUNCE_API type *name(args);` as a bold name with italic types."""
    decl = squeeze(decl.replace("BOUNCE_API", "")).rstrip(";")
    m = re.match(r"(.*?)(\w+)\s*\((.*)\)$", decl)
    if not m:
        return inline(decl)
    ret, name, args = m.groups()
    args = [a.strip() for a in args.split(",")]
    return "\\fI%s\\fR\\fB%s\\fR(\\fI%s\\fR)" % (
        ret.replace("\\", "\\e").replace("-", "\\-").rstrip() + (" " if not ret.endswith("*") else ""),
        name, "\\fR, \\fI".join(args))


def enum(code):
    """The name of `typedef enum { ... } name;` and roff lines for its values,
    each with its comment; a run of values without comments is one list."""
    m = re.match(r"typedef\s+enum\s*\{(.*)\}\s*(\w+)\s*;", code, re.S)
    body, name = m.groups()
    out = []
    pending = None
    plain = []

    def flush_plain():
        if len(plain) > 2:
            out.append(".TP")
            out.append("Also:")
            out.append(", ".join("\\fB%s\\fR" % p[0] for p in plain) + ".")
        else:
            for _, label in plain:
                out.append(".TP")
                out.append(label)
        plain.clear()

    for item in re.finditer(r"/\*\*(.*?)\*/|(\w+)(\s*=\s*([^,/]+?))?\s*(,|$)", body, re.S):
        if item.group(1) is not None:
            pending = clean_comment(item.group(1))
            continue
        if not item.group(2):
            continue
        value = squeeze(item.group(4) or "")
        label = "\\fB%s\\fR" % item.group(2) + (" = %s" % inline(value) if value else "")
        if pending:
            flush_plain()
            out.append(".TP")
            out.append(label)
            out.extend(inline(l.strip()) for l in pending if l.strip())
            pending = None
        else:
            plain.append((item.group(2), label))
    flush_plain()
    return name, out


def entries(text):
    """(kind, payload) items in header order: section titles, doc entries."""
    text = re.sub(r"#ifdef __cplusplus.*?#endif", "", text, flags=re.S)
    text = re.sub(r"#if defined\(BOUNCE_COMPILATION\).*?#endif", "", text, flags=re.S)
    pos = 0
    items = []
    while True:
        m = COMMENT.search(text, pos)
        if not m:
            break
        body = m.group(1)
        pos = m.end()
        sec = re.match(r"\s*## (.+?)\s*$", body)
        if sec and "\n" not in body:
            items.append(("section", sec.group(1)))
            continue
        if body.lstrip().startswith("@file"):
            items.append(("file", clean_comment(body.lstrip()[5:].split("\n", 1)[1])))
            continue
        # The code after the comment, up to the next comment at top level.
        decls = []
        while True:
            rest = text[pos:]
            stripped = rest.lstrip()
            start = pos + len(rest) - len(stripped)
            if stripped.startswith("typedef enum"):
                end = text.index("}", start)
                end = text.index(";", end) + 1
            elif stripped.startswith("#define"):
                end = start
                while True:
                    nl = text.find("\n", end)
                    nl = len(text) if nl < 0 else nl
                    if text[end:nl].rstrip().endswith("\\"):
                        end = nl + 1
                        continue
                    end = nl
                    break
            elif stripped.startswith(("BOUNCE_API", "typedef")):
                end = text.index(";", start) + 1
            else:
                break
            decls.append(text[start:end])
            pos = end
        items.append(("entry", (clean_comment(body), decls)))
    return items


def render_entry(lines, decls, out):
    heads = []
    values = []
    for d in decls:
        if d.startswith("typedef enum"):
            name, vals = enum(d)
            heads.append("\\fBtypedef enum { ... } %s\\fR" % name)
            values += vals
        elif d.startswith("#define"):
            m = re.match(r"#define\s+(\w+(\([^)]*\))?)", d)
            heads.append("\\fB%s\\fR" % m.group(1))
        elif d.startswith("typedef struct"):
            heads.append("\\fB%s\\fR" % squeeze(d).rstrip(";"))
        else:
            heads.append(function(d))
    out.append(".PP")
    for i, h in enumerate(heads):
        if i:
            out.append(".br")
        out.append(h)
    out.append(".RS 4")
    paragraphs(lines, out)
    out += values
    out.append(".RE")


def main():
    output, version, main_h, version_h, gmime_h = sys.argv[1:6]
    read = lambda p: open(p, encoding="utf-8").read()
    out = [
        '.\\" Generated by docs/make-man-page.py from the comments of include/*.h:',
        '.\\" edit the headers, not this file.',
        '.TH LIBBOUNCE 3 "" "libbounce %s" "Library Functions Manual"' % version,
        '.nh',
        '.ad l',
        ".SH NAME",
        "libbounce \\- read bounce emails: recipient, status, reply code, cause, hard or soft",
        ".SH SYNOPSIS",
        ".nf",
        ".B #include <bounce.h>",
        ".PP",
        ".B cc app.c $(pkg\\-config \\-\\-cflags \\-\\-libs libbounce)",
        ".fi",
    ]
    items = entries(read(main_h))
    for kind, payload in items:
        if kind == "file":
            out.append(".SH DESCRIPTION")
            paragraphs(payload, out, heading=lambda t: ".SH " + t.upper())
    out.append(".SH FUNCTIONS AND TYPES")
    for kind, payload in items:
        if kind == "section":
            out.append(".SS %s" % payload)
            if payload == "Version":
                for k, p in entries(read(version_h)):
                    if k == "entry":
                        render_entry(*p, out)
        elif kind == "entry":
            render_entry(*payload, out)
    out.append(".SS GMime")
    out.append(".PP")
    out.append("\\fB#include <bounce\\-gmime.h>\\fR (after \\fB<gmime/gmime.h>\\fR; link with gmime\\-3.0 too)")
    for kind, payload in entries(read(gmime_h)):
        if kind == "entry":
            render_entry(*payload, out)
    out += [
        ".SH EXAMPLE",
        ".nf",
        ".ft CW",
    ]
    example = r'''#include <bounce.h>
#include <stdio.h>

int main(int argc, char **argv)
{
  bounce_error *err = NULL;
  bounce_report *r = bounce_parse_file(argv[1], NULL, &err);
  if (r == NULL) {
    fprintf(stderr, "%s\n", bounce_error_get_message(err));
    bounce_error_free(err);
    return 1;
  }
  for (size_t i = 0; i < bounce_report_get_recipient_count(r); i++) {
    const bounce_recipient *rc = bounce_report_get_recipient(r, i);
    printf("%s %s %s\n", bounce_recipient_get_address(rc),
           bounce_cause_to_string(bounce_recipient_get_cause(rc)),
           bounce_recipient_is_hard(rc) ? "hard" : "soft");
  }
  bounce_report_free(r);
  return 0;
}'''
    out += [l.replace("\\", "\\e") for l in example.split("\n")]
    out += [
        ".ft R",
        ".fi",
        ".SH SEE ALSO",
        ".BR bounceparse (1),",
        ".BR pkg\\-config (1).",
        "The HTML reference (Doxygen), the causes (docs/causes.md) and the ABI",
        "policy (docs/ABI.md) are in the source tree and in",
        ".IR /usr/share/doc/libbounce .",
        "RFC 3464 (delivery status notifications), RFC 3463 (enhanced status",
        "codes), RFC 5321 (SMTP), RFC 5965 (feedback reports), RFC 3834",
        "(automatic responses).",
    ]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
