#!/usr/bin/env python3
"""variants.py OUTDIR: write content-preserving variants of every corpus message, one folder per
transform: OUTDIR/<transform>/<name>.eml. invcheck.py then compares each variant's answer with the
original's. Transforms keep what a bounce says and change only how it is carried."""
import sys, os, glob, re, base64, quopri, email, email.policy
from email import generator
from io import BytesIO
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SRC = os.environ.get('BOUNCE_CORPUS', os.path.join(ROOT, '..', 'shared', 'corpus', 'sisimai'))
out = sys.argv[1]

def crlf(b):
    return re.sub(rb'\r?\n', b'\r\n', b)

def mboxfrom(b):
    return b'From MAILER-DAEMON Mon Dec  7 00:00:00 2026\n' + b

def lowerhdr(b):
    head, sep, body = b.partition(b'\n\n')
    if not sep:
        return None
    head = re.sub(rb'(?m)^([A-Za-z][A-Za-z0-9-]*):', lambda m: m.group(1).lower() + b':', head)
    return head + sep + body

def morehdrs(b):
    extra = (b'Received: from mx.example.net (mx.example.net [192.0.2.7])\n\tby inbound.example.org'
             b' (Postfix) with ESMTPS id 4AbCdE\n\tfor <list-bounces@example.org>; Mon, 7 Dec 2026 00:00:00 +0000\n'
             b'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=s1;\n'
             b'\th=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n'
             b'\tb=abcdefabcdefabcdefabcdefabcdef\n'
             b'X-Spam-Status: No, score=-0.1 required=5.0\n')
    return extra + b

def leaf_text(msg):
    """The first text/plain part that is not inside an attached message."""
    def walk(m):
        if m.get_content_maintype() == 'multipart':
            for p in m.get_payload():
                r = walk(p)
                if r is not None:
                    return r
            return None
        if m.get_content_type() == 'text/plain':
            return m
        return None
    return walk(msg)

def notice_part(b):
    """The message, its notice part and the part's decoded bytes; None when it has no text notice."""
    msg = email.message_from_bytes(b, policy=email.policy.compat32)
    part = leaf_text(msg)
    if part is None:
        return None
    raw = part.get_payload(decode=True)
    if raw is None or not raw.strip():
        return None
    return msg, part, raw

def serialize(msg):
    bio = BytesIO()
    generator.BytesGenerator(bio, mangle_from_=False, maxheaderlen=0).flatten(msg)
    return bio.getvalue()

def reencode(b, how):
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    del part['Content-Transfer-Encoding']
    if how == 'b64':
        enc = base64.encodebytes(raw).decode('ascii')
        part['Content-Transfer-Encoding'] = 'base64'
    else:
        enc = quopri.encodestring(raw).decode('ascii')
        part['Content-Transfer-Encoding'] = 'quoted-printable'
    part.set_payload(enc)
    return serialize(msg)

def tohtml(b, style):
    """The notice as an HTML-only part, the way webmail and Exchange-style servers send it."""
    import html as H
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    cs = part.get_content_charset() or 'us-ascii'
    try:
        text = raw.decode(cs)
    except Exception:
        return None
    lines = text.replace('\r\n', '\n').split('\n')
    if style == 'br':
        body = ''.join(H.escape(l, quote=False) + '<br>\n' for l in lines)
    elif style == 'one':
        body = '<br>'.join(H.escape(l, quote=False) for l in lines)
    else:  # p: one <p> per paragraph, its lines kept as lines
        paras = re.split(r'\n\s*\n', text.replace('\r\n', '\n'))
        body = '\n'.join('<p>' + H.escape(p, quote=False) + '</p>' for p in paras)
    doc = '<html><head><meta charset="utf-8"></head><body>\n' + body + '\n</body></html>\n'
    del part['Content-Transfer-Encoding']
    part.set_type('text/html')
    part.set_param('charset', 'utf-8')
    part['Content-Transfer-Encoding'] = 'quoted-printable'
    part.set_payload(quopri.encodestring(doc.encode('utf-8')).decode('ascii'))
    return serialize(msg)

def forwarded(b):
    """A person forwards the bounce as an attachment: not a bounce (kind none)."""
    return (b'From: Alice Example <alice@example.com>\nTo: helpdesk@example.com\n'
            b'Subject: Fwd: this came back, can you look?\nDate: Mon, 7 Dec 2026 09:00:00 +0000\n'
            b'Message-ID: <fwd-1@example.com>\nMIME-Version: 1.0\n'
            b'Content-Type: multipart/mixed; boundary="fwd-boundary-1"\n\n'
            b'--fwd-boundary-1\nContent-Type: text/plain; charset=us-ascii\n\n'
            b'Hi, I got the message below back. Any idea?\n\nAlice\n\n'
            b'--fwd-boundary-1\nContent-Type: message/rfc822\n\n' + b.replace(b'\r\n', b'\n') +
            b'\n--fwd-boundary-1--\n')

def forwarded_inline(b):
    """A person forwards the bounce inline, the way webmail does: not a bounce (kind none)."""
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    text = raw.decode(part.get_content_charset() or 'us-ascii', errors='replace').replace('\r\n', '\n')
    head = ''.join('%s: %s\n' % (h, str(msg.get(h, '')).replace('\n', ' ')) for h in ('From', 'Date', 'Subject', 'To'))
    body = ('Hi,\n\nthis came back when I wrote to a customer. Can you check our list?\n\nAlice\n\n'
            '---------- Forwarded message ---------\n' + head + '\n' + text)
    return ('From: Alice Example <alice@example.com>\nTo: helpdesk@example.com\n'
            'Subject: Fwd: returned mail\nDate: Mon, 7 Dec 2026 09:00:00 +0000\n'
            'Message-ID: <fwd-2@example.com>\nMIME-Version: 1.0\n'
            'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n' + body).encode('utf-8')

TRANSFORMS = {
    'crlf': crlf, 'mboxfrom': mboxfrom, 'lowerhdr': lowerhdr, 'morehdrs': morehdrs,
    'b64': lambda b: reencode(b, 'b64'), 'qp': lambda b: reencode(b, 'qp'), 'fwd': forwarded, 'fwdinline': forwarded_inline,
    'html-br': lambda b: tohtml(b, 'br'), 'html-one': lambda b: tohtml(b, 'one'), 'html-p': lambda b: tohtml(b, 'p'),
}
only = sys.argv[2:] or list(TRANSFORMS)
for f in sorted(glob.glob(SRC + '/*.eml')):
    b = open(f, 'rb').read()
    for t in only:
        try:
            v = TRANSFORMS[t](b)
        except Exception as e:
            v = None
        if v is None or v == b:
            continue
        os.makedirs(os.path.join(out, t), exist_ok=True)
        open(os.path.join(out, t, os.path.basename(f)), 'wb').write(v)
