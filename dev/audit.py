#!/usr/bin/env python3
"""audit.py: list answers that break an invariant DESIGN.md implies, counted by class.

Usage:
  audit.py BUILD [DIR...]         run BUILD/tools/bounceparse --json (or a binary) over DIRs
                                  (default: corpus, tests/data, $BOUNCE_PROBES/*/ and */*/)
  audit.py --jsonl FILE           read answers an earlier run wrote (bounceparse --json output)
  audit.py --truth TRUTH.json     audit the corpus truth itself: a class the truth also has is
                                  the truth's convention, not a fault
Options: --samples N (per class, default 5), --class NAME (only that class, all samples),
         --save FILE (write the answers read to FILE as jsonl, to rerun with --jsonl).
The classes are checks, not verdicts: read the samples before calling one a fault.
"""
import sys, os, re, json, glob, subprocess, collections

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.environ.get('BOUNCE_CORPUS', os.path.join(ROOT, '..', 'shared', 'corpus', 'sisimai'))
PROBES = os.environ.get('BOUNCE_PROBES', os.path.join(ROOT, '..', 'probes'))

# DESIGN.md "Vocabulary"
KINDS = {'failure', 'delay', 'delivered', 'feedback', 'autoreply', 'none'}
CAUSES = set('''authfailure badreputation blocked contenterror delivered exceedlimit expired
failedstarttls feedback filtered hasmoved hostunknown mailboxfull mailererror
mesgtoobig networkerror norelaying notaccept notcompliantrfc onhold policyviolation
rejected requireptr securityerror spamdetected speeding suppressed suspend syntaxerror
systemerror systemfull toomanyconn undefined userunknown vacation virusdetected'''.split())
HARD_CAUSES = {'userunknown', 'hostunknown', 'hasmoved'}      # plus notaccept with a 5xx

STATUS_RE = re.compile(r'^([0-9]+)\.([0-9]+)\.([0-9]+)$')
LABEL = r'[A-Za-z0-9_\u0080-\U0010ffff](?:[A-Za-z0-9_\u0080-\U0010ffff-]*[A-Za-z0-9_\u0080-\U0010ffff])?'
HOST_RE = re.compile(r'^%s(?:\.%s)*\.?$' % (LABEL, LABEL))
IPV4 = r'(?:[0-9]{1,3}\.){3}[0-9]{1,3}'
LITERAL_RE = re.compile(r'^\[?(?:%s|(?:IPv6:)?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\]?$' % IPV4)
# a MIME boundary line, a run of base64 no prose has, an HTML tag
BOUNDARY_RE = re.compile(r'(?:^|\s)--(?=[-=_.]*[A-Za-z0-9])[-=_A-Za-z0-9.]{8,}(?:--)?(?:\s|$)')
BASE64_RE = re.compile(r'[A-Za-z0-9+/]{60,}={0,2}')
HTML_RE = re.compile(r'</?(?:html|head|body|div|span|p|br|td|tr|table|font|a|b|i|strong|meta|style)(?=[\s/>])[^<>]*>',
                     re.I)
ADJ_RE = re.compile(r'\b([2-5][0-9][0-9])[ -]+#?([245]\.[0-9]{1,3}\.[0-9]{1,3})\b')


def status_class(s):
    m = STATUS_RE.match(s or '')
    return int(m.group(1)) if m else 0


def host_ok(h):
    return bool(HOST_RE.match(h) or LITERAL_RE.match(h))


def addr_problem(a):
    if a.count('@') != 1:
        return 'at-count'
    local, dom = a.rsplit('@', 1)
    if not local or not dom:
        return 'empty-part'
    if any(c in a for c in ' \t<>()[],;"\\') and not (dom.startswith('[') and dom.endswith(']')):
        if not (local.startswith('"') and local.endswith('"')):
            return 'stray-char'
    if a.endswith('.') or local.endswith('.') and not local.startswith('"') or local.startswith('.'):
        return 'dot'
    if '..' in dom or dom.startswith('.'):
        return 'dot'
    if not (dom.startswith('[') or HOST_RE.match(dom)):
        return 'domain'
    return None


def checks(msg):
    """Yield (class, recipient index or None, detail) for one answer."""
    kind = msg.get('kind', '')
    rmta = (msg.get('reporting_mta') or '').lower().rstrip('.')
    rs = msg.get('recipients') or []
    if kind not in KINDS:
        yield 'kind-unknown', None, kind
    if rmta and not host_ok(rmta):
        yield 'reporting_mta-not-host', None, msg.get('reporting_mta')
    if kind == 'feedback' and not any(r.get('feedback_type') for r in rs):
        yield 'feedback-without-type', None, ''
    if kind in ('failure', 'delay') and not rs:
        yield 'no-recipient', None, kind
    seen = collections.Counter((r.get('address') or '').lower() for r in rs if r.get('address'))
    for a, n in seen.items():
        if n > 1:
            yield 'address-twice', None, '%s x%d' % (a, n)
    for i, r in enumerate(rs):
        st = r.get('status') or ''
        sc = status_class(st)
        rc = r.get('reply_code') or 0
        cause = r.get('reason') or ''
        hard = r.get('hard')
        addr = r.get('address') or ''
        diag = r.get('diagnostic') or ''
        m = STATUS_RE.match(st)
        if st and not m:
            yield 'status-malformed', i, st
        elif m and (sc not in (2, 4, 5) or int(m.group(2)) > 7 or int(m.group(3)) > 999):
            yield 'status-out-of-range', i, st
        if rc and not 200 <= rc <= 599:
            yield 'reply-out-of-range', i, str(rc)
        if kind == 'delay' and sc == 5:
            yield 'delay-5xx-status', i, st
        if kind == 'delay' and hard:
            yield 'delay-hard', i, cause
        if kind == 'failure' and sc == 2:
            yield 'failure-2xx-status', i, st
        if kind == 'delivered' and sc in (4, 5):
            yield 'delivered-error-status', i, st
        if hard and sc == 4:
            yield 'hard-4xx-status', i, '%s %s' % (st, cause)
        if hard and cause not in HARD_CAUSES and cause != 'notaccept':
            yield 'hard-soft-cause', i, cause
        if hard and cause == 'notaccept' and not (sc == 5 or rc // 100 == 5):
            yield 'hard-notaccept-not-5xx', i, '%s %s' % (st, rc)
        if not hard and cause in HARD_CAUSES and sc != 4 and kind == 'failure':
            yield 'soft-hard-cause', i, '%s %s' % (st, cause)
        if r.get('permanent') is not None and sc in (4, 5) and r.get('permanent') != (sc == 5):
            yield 'permanent-vs-class', i, '%s permanent=%s' % (st, r.get('permanent'))
        if sc in (4, 5) and rc // 100 in (4, 5) and sc != rc // 100:
            same = any(int(a) == rc and b == st for a, b in ADJ_RE.findall(diag))
            yield 'reply-vs-status-same-reply' if same else 'reply-vs-status', i, '%d %s' % (rc, st)
        if cause and cause not in CAUSES:
            yield 'cause-unknown', i, cause
        if cause == 'vacation' and kind != 'autoreply':
            yield 'vacation-not-autoreply', i, kind
        if kind in ('failure', 'delay') and not addr:
            yield 'address-empty', i, ''
        if addr:
            p = addr_problem(addr)
            if p:
                yield 'address-' + p, i, addr
            local, _, dom = addr.lower().rpartition('@')
            dom = dom.rstrip('.')
            if rmta and addr.lower().rstrip('.') == rmta:
                yield 'address-is-reporting-host', i, addr
            if rmta and dom == rmta and local in ('postmaster', 'mailer-daemon'):
                yield 'address-reporting-postmaster', i, addr
            elif local in ('mailer-daemon',) and kind in ('failure', 'delay'):
                yield 'address-mailer-daemon', i, addr
        remote = r.get('remote_mta') or ''
        if remote and not host_ok(remote.rstrip('.')):
            yield 'remote_mta-not-host', i, remote
        if 'diagnostic' in r and kind in ('failure', 'delay') and not diag and m and not st.endswith('.0.0'):
            yield 'diagnostic-empty', i, st
        if BOUNDARY_RE.search(diag):
            yield 'diagnostic-boundary', i, diag[:160]
        if any(re.search('[A-Z]', b) and re.search('[a-z]', b) and re.search('[0-9]', b)
               for b in BASE64_RE.findall(diag)):
            yield 'diagnostic-base64', i, diag[:160]
        if HTML_RE.search(diag):
            yield 'diagnostic-html', i, diag[:160]
        if kind in ('failure', 'delay') and '\n' in diag:
            yield 'diagnostic-newline', i, diag[:160]


def default_dirs():
    return ([SRC, os.path.join(ROOT, 'tests', 'data')] +
            sorted(glob.glob(PROBES + '/*/')) + sorted(glob.glob(PROBES + '/*/*/')))


def run(binary, dirs):
    files = sorted(set(f for d in dirs for f in glob.glob(os.path.join(d, '*.eml'))))
    for i in range(0, len(files), 400):
        p = subprocess.run([binary, '--json'] + files[i:i + 400], capture_output=True, text=True,
                           errors='replace')
        for line in p.stdout.splitlines():
            yield line


def from_truth(path):
    for name, t in sorted(json.load(open(path)).items()):
        yield json.dumps({'file': name, 'index': 0, 'kind': t.get('kind'), 'recipients': t.get('recipients', [])})


def main(argv):
    samples, only, save, args, src = 5, None, None, [], None
    it = iter(argv)
    for a in it:
        if a == '--samples':
            samples = int(next(it))
        elif a == '--class':
            only = next(it)
        elif a == '--save':
            save = next(it)
        elif a in ('--jsonl', '--truth'):
            src = (a, next(it))
        else:
            args.append(a)
    if src and src[0] == '--jsonl':
        lines = open(src[1], errors='replace')
    elif src:
        lines = from_truth(src[1])
    elif args:
        b = args[0] if os.path.isfile(args[0]) else os.path.join(args[0], 'tools/bounceparse')
        lines = run(b, args[1:] or default_dirs())
    else:
        sys.exit(__doc__)
    out = open(save, 'w') if save else None
    hits = collections.defaultdict(list)
    nmsg = 0
    for line in lines:
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        nmsg += 1
        if out:
            out.write(line.rstrip('\n') + '\n')
        for cls, i, detail in checks(msg):
            if only and cls != only:
                continue
            hits[cls].append((msg.get('file'), msg.get('index'), i, detail))
    for cls in sorted(hits, key=lambda c: (-len(hits[c]), c)):
        files = {h[0] for h in hits[cls]}
        print('%-30s %6d answers in %5d files' % (cls, len(hits[cls]), len(files)))
        for f, idx, i, d in hits[cls][:None if only else samples]:
            print('    %s#%s r%s  %s' % (f, idx, '' if i is None else i, str(d).replace('\n', '\\n')[:200]))
    print('%d messages read' % nmsg, file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1:])
