#!/usr/bin/env python3
"""invcheck.py BIN DIR...: for each DIR/<name>.eml (a variant of corpus <name>.eml), compare the
scored fields of BIN's answer with BIN's answer on the corpus original. Prints one line per
difference and a count per DIR. A DIR named fwd* (a forwarded bounce) expects kind none instead."""
import sys, os, json, subprocess, glob
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.environ.get('BOUNCE_CORPUS', os.path.join(ROOT, '..', 'shared', 'corpus', 'sisimai'))
binp = sys.argv[1]
if os.path.isdir(binp):
    binp = os.path.join(binp, 'tools/bounceparse')
def run(files):
    res = {}
    for i in range(0, len(files), 400):
        p = subprocess.run([binp, '--json'] + files[i:i+400], capture_output=True, text=True, errors='replace')
        for line in p.stdout.splitlines():
            try:
                j = json.loads(line)
            except Exception:
                continue
            res.setdefault(os.path.basename(j['file']), []).append(j)
    return res
def key(js):
    out = []
    for j in js:
        out.append((j.get('kind'), [(r.get('address'), r.get('status'), r.get('reply_code'), r.get('reason'),
                    r.get('hard')) for r in j.get('recipients', [])]))
    return out
base = run(sorted(glob.glob(SRC + '/*.eml')))
for d in sys.argv[2:]:
    files = sorted(glob.glob(os.path.join(d, '*.eml')))
    got = run(files)
    bad = 0
    for f in files:
        n = os.path.basename(f)
        if os.path.basename(os.path.normpath(d)).startswith('fwd'):
            kinds = [j.get('kind') for j in got.get(n, [])]
            if kinds != ['none']:
                bad += 1
                print(f'{d} {n}: kinds {kinds}')
            continue
        a, b = key(base.get(n, [])), key(got.get(n, []))
        if a != b:
            bad += 1
            print(f'{d} {n}:\n   orig {a}\n   var  {b}')
    print(f'== {d}: {bad} of {len(files)} differ', file=sys.stderr)
