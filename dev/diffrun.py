#!/usr/bin/env python3
"""diffrun.py [--full] OLDBIN NEWBIN [DIR...]: run two bounceparse builds (a build dir
or a binary) over the corpus, tests/data and every probe set under ../probes/ (or $BOUNCE_PROBES), and list the
files whose JSON differs. Without --full only scored-like fields are compared
(kind, address, status, reply_code, reason, hard, smtp_command, diagnostic, original)."""
import sys, os, json, subprocess, glob
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.environ.get('BOUNCE_CORPUS', os.path.join(ROOT, '..', 'shared', 'corpus', 'sisimai'))
PROBES = os.environ.get('BOUNCE_PROBES', os.path.join(ROOT, '..', 'probes'))
full = '--full' in sys.argv
args = [a for a in sys.argv[1:] if a != '--full']
def binof(p):
    return p if os.path.isfile(p) else os.path.join(p, 'tools/bounceparse')
old, new = binof(args[0]), binof(args[1])
dirs = args[2:] or ([SRC, os.path.join(ROOT, 'tests', 'data')] +
                    sorted(glob.glob(PROBES + '/*/')) + sorted(glob.glob(PROBES + '/*/*/')))
files = []
for d in dirs:
    files += sorted(glob.glob(os.path.join(d, '*.eml')))
files = sorted(set(files))
def run(b):
    res = {}
    for i in range(0, len(files), 400):
        chunk = files[i:i+400]
        p = subprocess.run([b, '--json'] + chunk, capture_output=True, text=True, errors='replace')
        for line in p.stdout.splitlines():
            try:
                j = json.loads(line)
            except Exception:
                continue
            res.setdefault(j.get('file'), []).append(j)
    return res
def key(js):
    if full:
        return json.dumps(js, sort_keys=True)
    out = []
    for j in js:
        rs = [(r.get('address'), r.get('status'), r.get('reply_code'), r.get('reason'), r.get('hard'),
               r.get('smtp_command'), r.get('diagnostic')) for r in j.get('recipients', [])]
        out.append((j.get('kind'), rs, j.get('original')))
    return json.dumps(out, sort_keys=True)
a, b = run(old), run(new)
changed = [f for f in files if key(a.get(f, [])) != key(b.get(f, []))]
for f in changed:
    print(f)
print(f'{len(changed)} changed of {len(files)}', file=sys.stderr)
