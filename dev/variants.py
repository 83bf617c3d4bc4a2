#!/usr/bin/env python3
"""variants.py OUTDIR: write content-preserving variants of every corpus message, one folder per
transform: OUTDIR/<transform>/<name>.eml. invcheck.py then compares each variant's answer with the
original's. Transforms keep what a bounce says and change only how it is carried."""
import sys, os, glob, re, base64, quopri, email, email.policy, email.message
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
    # a mailbox of several messages, or CR CR LF line ends: the email package reads one message, or
    # a blank line after every line
    if b.startswith(b'From ') or b'\r\r' in b:
        return None
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

# Carriage by other collections and older MTAs (session 21).

def _unfolded(b, name):
    """The top-level header NAME: its first line's span and its unfolded value; None when absent."""
    head = b.split(b'\n\n', 1)[0] if b'\n\n' in b else b
    m = re.search(rb'(?mi)^' + name + rb':[ \t]*((?:.*)(?:\r?\n[ \t].*)*)\r?\n', head)
    if m is None:
        return None
    return m, re.sub(rb'\r?\n(?=[ \t])', b'', m.group(1)).rstrip(b'\r')

def _words(text, charset, how, nwords, second=None):
    """TEXT as NWORDS encoded-words of CHARSET (the second one in SECOND, a (charset, how), where its
    text allows): split at characters, so the decoded text is exact."""
    cut = [len(text) * i // nwords for i in range(nwords + 1)]
    out = []
    for i in range(nwords):
        piece = text[cut[i]:cut[i + 1]]
        if i == 1 and second:
            try:
                piece.encode(second[0])
                charset, how = second
            except UnicodeError:
                pass
        raw = piece.encode(charset)
        if how == 'B':
            enc = base64.b64encode(raw).decode('ascii')
        else:
            enc = ''.join(chr(c) if (chr(c).isalnum() or chr(c) in '!*+-/') else '_' if c == 32 else '=%02X' % c
                          for c in raw)
        out.append('=?%s?%s?%s?=' % (charset, how, enc))
    return '\n '.join(out).encode('ascii')

def subj2047(b):
    """Subject as a UTF-8 B encoded-word and the From display name as ISO-8859-1 Q; two words when long,
    the Subject's second in ISO-8859-1 Q where it can be."""
    nl = b'\r\n' if b'\r\n' in b[:2000] else b'\n'
    changed = b
    got = _unfolded(b, rb'Subject')
    if got and b'=?' not in got[1] and got[1].strip():
        try:
            text = got[1].decode('utf-8')
        except UnicodeDecodeError:
            text = None
        if text is not None:
            words = _words(text, 'UTF-8', 'B', 2 if len(text) > 30 else 1,
                           ('ISO-8859-1', 'Q')).replace(b'\n', nl)
            m = got[0]
            changed = changed[:m.start()] + b'Subject: ' + words + nl + changed[m.end():]
    got = _unfolded(changed, rb'From')
    if got and b'=?' not in got[1]:
        d = re.match(rb'^"?([^"<>]*?[A-Za-z][^"<>]*?)"?\s*(<[^<>]+>)\s*$', got[1])
        if d:
            try:
                name = d.group(1).decode('latin-1' if max(d.group(1)) < 0x80 else 'utf-8')
                name.encode('iso-8859-1')
            except (UnicodeError, ValueError):
                name = None
            if name:
                words = _words(name, 'ISO-8859-1', 'Q', 2 if len(name) > 20 else 1).replace(b'\n', nl)
                m = got[0]
                changed = changed[:m.start()] + b'From: ' + words + b' ' + d.group(2) + nl + changed[m.end():]
    return changed

def _attached(msg):
    """The first attached original (message/rfc822 or text/rfc822-headers) outside any attached message,
    with its parent multipart; None where the email package misread a header (a fold without white
    space), as it would then write a different notice."""
    if any(p.defects for p in msg.walk()):
        return None
    for p in msg.get_payload() if msg.is_multipart() else []:
        if p.get_content_type() in ('message/rfc822', 'text/rfc822-headers'):
            return msg, p
        if p.is_multipart():
            r = _attached(p)
            if r:
                return r
    return None

def rfc822hdrs(b):
    """The attached original replaced by text/rfc822-headers holding only its headers (RFC 6522)."""
    msg = None if b.startswith(b'From ') else email.message_from_bytes(b, policy=email.policy.compat32)
    got = msg and _attached(msg)
    if got is None or got[1].get_content_type() != 'message/rfc822':
        return None
    parent, part = got
    inner = part.get_payload()
    if isinstance(inner, list):
        inner = inner[0] if inner else None
    if inner is None or inner.defects:  # a header the email package misreads: no faithful copy
        return None
    heads = re.split(rb'\r?\n\r?\n', serialize(inner), maxsplit=1)[0] + b'\n'
    new = email.message.Message()
    new['Content-Type'] = 'text/rfc822-headers'
    new.set_payload(heads.decode('ascii', 'surrogateescape'))
    parent._payload[parent._payload.index(part)] = new
    return serialize(msg)

def noorig(b):
    """The attached original removed altogether, as size-limited bounces do."""
    msg = None if b.startswith(b'From ') else email.message_from_bytes(b, policy=email.policy.compat32)
    got = msg and _attached(msg)
    if got is None:
        return None
    got[0]._payload.remove(got[1])
    return serialize(msg)

def _as_8bit(part, raw, charset=None):
    del part['Content-Transfer-Encoding']
    part['Content-Transfer-Encoding'] = '8bit'
    if charset:
        part.set_param('charset', charset)
    part._payload = raw.decode('ascii', 'surrogateescape')

def latin1(b):
    """A us-ascii or utf-8 notice re-labelled and re-encoded as ISO-8859-1, 8bit, where its text allows."""
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    if (part.get_content_charset() or 'us-ascii') not in ('us-ascii', 'utf-8', 'utf8'):
        return None
    try:
        text = raw.decode('utf-8').encode('iso-8859-1')
    except UnicodeError:
        return None
    _as_8bit(part, text, 'iso-8859-1')
    return serialize(msg)

def utf8_8bit(b):
    """A base64 or quoted-printable notice decoded to 8bit."""
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    if part.get('Content-Transfer-Encoding', '').strip().lower() not in ('base64', 'quoted-printable'):
        return None
    _as_8bit(part, raw)
    return serialize(msg)

def _header_blocks(b, dsn_only=False):
    """Spans of the top-level header block, of every MIME part's header block and of the fields of
    every message/delivery-status part (header fields too, RFC 3464 section 2.1); only the last
    when dsn_only."""
    spans = []
    m = re.search(rb'\r?\n\r?\n', b)
    if m is None:
        return spans
    if not dsn_only:
        spans.append((0, m.start()))
    for bd in set(re.findall(rb'(?i)boundary="?([^";\r\n]+)"?', b)):
        for d in re.finditer(rb'(?m)^--' + re.escape(bd.strip()) + rb'[ \t]*\r?\n', b):
            e = re.compile(rb'\r?\n\r?\n').search(b, d.end() - 1)
            if e is None:
                continue
            if not dsn_only:
                spans.append((d.end(), e.start()))
            if re.search(rb'(?i)content-type:\s*message/(global-)?delivery-status', b[d.end():e.start()]):
                nxt = re.compile(rb'\r?\n--').search(b, e.end())
                spans.append((e.end(), nxt.start() if nxt else len(b)))
    return sorted(set(spans))

def _per_block(b, fn, dsn_only=False):
    out, last = [], 0
    for s, e in _header_blocks(b, dsn_only):
        if s < last:
            continue
        out.append(b[last:s])
        out.append(fn(b[s:e]))
        last = e
    out.append(b[last:])
    return b''.join(out)

def _fold_line(line):
    """Fold one long header line at spaces, each continuation starting with a TAB."""
    out = []
    while len(line) > 78:
        cut = line.rfind(b' ', line.find(b':') + 2, 76)
        if cut < 0:
            break
        out.append(line[:cut])
        line = b'\t' + line[cut + 1:]
    out.append(line)
    return b'\n'.join(out)

def tabfold(b):
    nl = b'\r\n' if b'\r\n' in b[:2000] else b'\n'
    return _per_block(b, lambda blk: nl.join(_fold_line(l.rstrip(b'\r')).replace(b'\n', nl)
                                             for l in blk.split(b'\n')))

def nofold(b):
    return _per_block(b, lambda blk: re.sub(rb'\r?\n(?=[ \t])', b'', blk))

def trailing_ws(b):
    """A space or a tab added at the end of every line of the notice, as list software and gateways do."""
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    lines = re.split(rb'(\r?\n)', raw)
    for i in range(0, len(lines), 2):
        if i + 1 < len(lines) or lines[i]:
            lines[i] += b' ' if (i // 2) % 2 == 0 else b'\t'
    raw = b''.join(lines)
    out = _with_payload(msg, part, raw)
    return _per_block(out, lambda blk: re.sub(rb'(?m)([^\r\n])(\r?)$', rb'\1 \2', blk), True)

# Damaged and oddly stored bounces (session 22).

def _top_boundary(b):
    """The top-level multipart's boundary, from the first header block; None when not multipart."""
    head = re.split(rb'\r?\n\r?\n', b, maxsplit=1)[0]
    head = re.sub(rb'\r?\n(?=[ \t])', b' ', head)
    m = re.search(rb'(?mi)^content-type:[ \t]*multipart/[^\n]*?boundary=(?:"([^"\r\n]+)"|([^";\s]+))', head)
    return (m.group(1) or m.group(2)) if m else None

def noclose(b):
    """The top-level multipart's closing boundary line dropped, with all after it: the message ends
    with its last part. Not for a mailbox: its last closing line may be another message's."""
    if b.startswith(b'From '):
        return None
    bd = _top_boundary(b)
    if bd is None:
        return None
    ends = list(re.finditer(rb'(?m)^--' + re.escape(bd) + rb'--[ \t]*\r?$', b))
    if not ends:
        return None
    return b[:ends[-1].start()]

def nomimever(b):
    """The top-level MIME-Version header removed."""
    got = _unfolded(b, rb'MIME-Version')
    if got is None:
        return None
    m = got[0]
    return b[:m.start()] + b[m.end():]

def _part_spans(b):
    """(header start, header end, body start, body end) of every MIME part found by its boundary
    line, the body ending before the next boundary line of any multipart."""
    bds = set(x.strip() for x in re.findall(rb'(?i)boundary="?([^";\r\n]+)"?', b))
    lines = []
    for bd in bds:
        lines += [(d.start(), d.end()) for d in re.finditer(rb'(?m)^--' + re.escape(bd) + rb'(?:--)?[ \t]*\r?\n', b)]
    lines.sort()
    spans = []
    for i, (s, e) in enumerate(lines):
        if b[s:e].rstrip().endswith(b'--') and b[s:e].rstrip()[2:-2] in bds:
            continue
        blank = re.compile(rb'\r?\n\r?\n').search(b, e - 1)
        if blank is None:
            continue
        end = lines[i + 1][0] if i + 1 < len(lines) else len(b)
        if blank.end() > end:
            continue
        # the line break before the next boundary line belongs to that line (RFC 2046 5.1.1)
        bend = end
        if b[:bend].endswith(b'\r\n'):
            bend -= 2
        elif b[:bend].endswith(b'\n'):
            bend -= 1
        spans.append((e, blank.start(), blank.end(), max(bend, blank.end())))
    return spans

def _ctype(head):
    m = re.search(rb'(?mi)^content-type:[ \t]*([a-z0-9.+-]+/[a-z0-9.+-]+)', head)
    return m.group(1).lower() if m else b''

def _splice(b, edits):
    """B with each (start, end, bytes) replaced; edits must not overlap."""
    out, last = [], 0
    for s, e, r in sorted(edits):
        if s < last:
            continue
        out += [b[last:s], r]
        last = e
    out.append(b[last:])
    return b''.join(out)

def _dsn_part(b, fn):
    """Apply FN(head, body) -> (head, body) to each message/delivery-status part."""
    edits = []
    for hs, he, bs, be in _part_spans(b):
        if _ctype(b[hs:he]) == b'message/delivery-status':
            h, bo = fn(b[hs:he], b[bs:be])
            edits += [(hs, he, h), (bs, be, bo)]
    return _splice(b, edits) if edits else None

def _drop_cte(head):
    return re.sub(rb'(?mi)^content-transfer-encoding:[^\n]*\n?(?:[ \t][^\n]*\n?)*', b'', head).rstrip(b'\r\n')

def dsn_b64(b):
    """The message/delivery-status part sent base64-encoded."""
    if b'\r' in b.replace(b'\r\n', b''):  # lone CR line ends: a line of base64 would not end
        return None
    nl = b'\r\n' if b'\r\n' in b[:2000] else b'\n'
    def fn(head, body):
        enc = base64.encodebytes(body.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')).replace(b'\n', nl)
        return (_drop_cte(head) + nl + b'Content-Transfer-Encoding: base64', enc.rstrip(b'\r\n'))
    return _dsn_part(b, fn)

def dsn_text(b):
    """The message/delivery-status part relabelled text/plain, as some old MTAs wrote it."""
    return _dsn_part(b, lambda head, body: (re.sub(rb'(?i)message/delivery-status', b'text/plain', head, count=1), body))

def badcharset(b):
    """Every ASCII text part outside the attached original relabelled with an unknown charset name."""
    names = (b'unknown-8bit', b'x-unknown')
    edits = []
    orig = [(bs, be) for hs, he, bs, be in _part_spans(b)
            if _ctype(b[hs:he]) in (b'message/rfc822', b'text/rfc822-headers')]
    for hs, he, bs, be in _part_spans(b):
        head = b[hs:he]
        if not _ctype(head).startswith(b'text/') or any(s <= hs < e for s, e in orig):
            continue
        qp = re.search(rb'(?i)content-transfer-encoding:\s*quoted-printable', head)
        if max(quopri.decodestring(b[bs:be]) if qp else b[bs:be], default=0) >= 0x80 or \
           re.search(rb'(?i)content-transfer-encoding:\s*base64', head):
            continue
        if re.search(rb'(?i)charset=', head):
            new = re.sub(rb'(?i)charset=("[^"]*"|[^;\s]+)', b'charset=' + names[len(edits) % 2], head, count=1)
        else:
            new = re.sub(rb'(?mi)^(content-type:[ \t]*text/[a-z0-9.+-]+)', rb'\1; charset=' + names[len(edits) % 2], head, count=1)
        edits.append((hs, he, new))
    return _splice(b, edits) if edits else None

def _cut_orig(b, where):
    for hs, he, bs, be in _part_spans(b):
        ct = _ctype(b[hs:he])
        if ct not in (b'message/rfc822', b'text/rfc822-headers'):
            continue
        inner = b[bs:be]
        m = re.search(rb'\r?\n\r?\n', inner)
        if where == 'body':
            if ct != b'message/rfc822' or m is None or be - m.end() < 20:
                return None
            cut = m.end() + (be - bs - m.end()) // 2
        else:
            hend = m.start() if m else len(inner)
            lines = [x.start() for x in re.finditer(rb'\n', inner[:hend])]
            if len(lines) < 2:
                return None
            ln = lines[len(lines) // 2]
            nxt = inner.find(b'\n', ln + 1)
            cut = ln + 1 + max(1, ((nxt if nxt > 0 else hend) - ln - 1) // 2)
        return b[:bs + cut] + b[be:]
    return None

def crlf_mix(b):
    """CRLF line ends in the top-level header, bare LF in the body."""
    if b'\r' in b:
        return None
    head, sep, body = b.partition(b'\n\n')
    if not sep:
        return None
    return head.replace(b'\n', b'\r\n') + b'\r\n\r\n' + body

def utf8_hdr(b):
    """Encoded words in the top-level Subject and From decoded to raw UTF-8 (RFC 6532)."""
    from email.header import decode_header
    changed = b
    for name in (rb'Subject', rb'From'):
        got = _unfolded(changed, name)
        if got is None or b'=?' not in got[1]:
            continue
        try:
            parts = decode_header(got[1].decode('ascii'))
            text = ''
            for i, (raw, cs) in enumerate(parts):
                if isinstance(raw, str):
                    raw = raw.encode('ascii')
                try:  # 8-bit UTF-8 mislabelled as Latin-1 reads as UTF-8 to a reader too
                    if max(raw, default=0) < 0x80:
                        raise UnicodeError
                    piece = raw.decode('utf-8')
                except UnicodeError:
                    piece = raw.decode(cs or 'ascii')
                text += piece
        except (UnicodeError, LookupError, ValueError):
            continue
        if '\n' in text or '\r' in text or all(ord(c) < 0x80 for c in text):
            continue
        nl = b'\r\n' if b'\r\n' in b[:2000] else b'\n'
        m = got[0]
        changed = changed[:m.start()] + name + b': ' + text.encode('utf-8') + nl + changed[m.end():]
    return changed if changed != b else None

def bom(b):
    """A UTF-8 byte-order mark at the start of the first text/plain part outside the attached original,
    relabelled utf-8 (from us-ascii or none)."""
    orig = [(bs, be) for hs, he, bs, be in _part_spans(b)
            if _ctype(b[hs:he]) in (b'message/rfc822', b'text/rfc822-headers')]
    spans = _part_spans(b)
    top = re.search(rb'\r?\n\r?\n', b)
    if top and not b.startswith(b'From ') and _ctype(re.sub(rb'\r?\n(?=[ \t])', b' ', b[:top.start()])) in (b'', b'text/plain'):
        spans = [(0, top.start(), top.end(), len(b))]
    for hs, he, bs, be in spans:
        head = b[hs:he]
        if _ctype(head) not in (b'text/plain', b'' if hs == 0 else b'text/plain') or any(s <= hs < e for s, e in orig):
            continue
        m = re.search(rb'(?i)charset=("[^"]*"|[^;\s]+)', head)
        if m and m.group(1).strip(b'"').lower() not in (b'us-ascii', b'utf-8', b'utf8', b'ascii'):
            return None
        cte = re.search(rb'(?i)content-transfer-encoding:\s*([a-z0-9-]+)', head)
        cte = cte.group(1).lower() if cte else b'7bit'
        body = b[bs:be]
        try:
            raw = base64.b64decode(body) if cte == b'base64' else quopri.decodestring(body) \
                if cte == b'quoted-printable' else body
            raw.decode('utf-8')
        except ValueError:  # not UTF-8 (an unlabelled legacy charset): the label would lie
            return None
        if raw.startswith(b'\xef\xbb\xbf'):
            return None
        if cte == b'base64':
            nl = b'\r\n' if b'\r\n' in body else b'\n'
            body = base64.encodebytes(b'\xef\xbb\xbf' + raw).replace(b'\n', nl).rstrip(b'\r\n')
        elif cte == b'quoted-printable':
            body = b'=EF=BB=BF' + body
        else:
            body = b'\xef\xbb\xbf' + body
            head = re.sub(rb'(?i)(content-transfer-encoding:\s*)7bit', rb'\g<1>8bit', head)
        if m:
            head = head[:m.start()] + b'charset=utf-8' + head[m.end():]
        else:
            new = re.sub(rb'(?mi)^(content-type:[ \t]*text/plain)', rb'\1; charset=utf-8', head, count=1)
            head = new if new != head else head + (b'\r\n' if b'\r\n' in head else b'\n') + b'Content-Type: text/plain; charset=utf-8'
        return _splice(b, [(hs, he, head), (bs, be, body)])
    return None


# Pipelines between the bounce and our users (session 26): gateways, archivers, ticket systems, mail clients.

def _nl(b):
    return b'\r\n' if b'\r\n' in b[:2000] else b'\n'

def _head_body(b):
    """The top-level header block and the body, split at the first blank line; None when there is none."""
    m = re.search(rb'\r?\n\r?\n', b)
    return (b[:m.start()], b[m.start():m.end()], b[m.end():]) if m else None

def _top_fields(head, names):
    """HEAD split into (the fields named in NAMES, the rest), each a list of whole folded fields."""
    fields = re.findall(rb'(?m)^[^ \t\r\n][^\n]*(?:\n[ \t][^\n]*)*', head)
    mine = [f for f in fields if re.match(rb'(?i)(' + rb'|'.join(names) + rb'):', f)]
    return mine, [f for f in fields if f not in mine]

DISCLAIMER = (b'This email has been scanned by the Example Gateway Security Service.\n'
              b'CONFIDENTIALITY NOTICE: This message and any attachments are intended only for the\n'
              b'addressee. If you received it in error, please tell the sender and delete it.')

def footer_mixed(b):
    # a disclaimer gateway (Exchange transport rule, Exclaimer, CodeTwo) that cannot edit a signed or
    # report body wraps the whole message in multipart/mixed and adds its footer as a second part
    if b.startswith(b'From '):
        return None
    got = _head_body(b)
    if got is None:
        return None
    head, sep, body = got
    nl = _nl(b)
    mine, rest = _top_fields(head.replace(b'\r\n', b'\n'), (rb'content-[a-z-]+',))
    if not any(re.match(rb'(?i)content-type:', f) for f in mine):
        return None
    rest = [f for f in rest if not re.match(rb'(?i)mime-version:', f)]
    out = (b'\n'.join(rest) + b'\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="==gw-footer-26=="\n\n'
           b'--==gw-footer-26==\n' + b'\n'.join(mine) + b'\n\n').replace(b'\n', nl)
    end = (nl + b'--==gw-footer-26==' + nl + b'Content-Type: text/plain; charset=us-ascii' + nl +
           b'Content-Disposition: inline' + nl + nl + DISCLAIMER.replace(b'\n', nl) + nl + nl +
           b'--==gw-footer-26==--' + nl)
    return out + body.rstrip(b'\r\n') + end

def footer_line(b):
    # a gateway or list server (Mailman's msg_footer, an outbound disclaimer) appends its text to the
    # first text part
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    nl = b'\r\n' if b'\r\n' in raw else b'\n'
    raw = raw.rstrip(b'\r\n') + nl + nl + b'-- ' + nl + DISCLAIMER.replace(b'\n', nl) + nl
    return _with_payload(msg, part, raw)

def _set_raw(part, raw):
    """PART's decoded body replaced by RAW, in PART's own transfer encoding."""
    cte = part.get('Content-Transfer-Encoding', '').strip().lower()
    del part['Content-Transfer-Encoding']
    if cte == 'base64':
        part['Content-Transfer-Encoding'] = 'base64'
        part.set_payload(base64.encodebytes(raw).decode('ascii'))
    elif cte == 'quoted-printable':
        part['Content-Transfer-Encoding'] = 'quoted-printable'
        part.set_payload(quopri.encodestring(raw).decode('ascii'))
    else:
        if cte:
            part['Content-Transfer-Encoding'] = cte
        part._payload = raw.decode('ascii', 'surrogateescape')

def _with_payload(msg, part, raw):
    """MSG with PART's decoded body replaced by RAW, in PART's own transfer encoding."""
    _set_raw(part, raw)
    return serialize(msg)

def _wrap_line(line, width):
    """LINE broken at spaces so no piece is longer than WIDTH where a space allows; a hard line break."""
    out = []
    while len(line) > width:
        cut = line.rfind(b' ', 1, width + 1)
        if cut <= 0:
            break
        out.append(line[:cut])
        line = line[cut + 1:]
    out.append(line)
    return out

def rewrap(b, width=76):
    # an archiver or ticket system (a helpdesk's mail import, a list archive's plain-text view) re-wraps
    # every long line of the text/plain notice at 72-78 columns; headers and other parts untouched
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    nl = b'\r\n' if b'\r\n' in raw else b'\n'
    lines = raw.replace(b'\r\n', b'\n').split(b'\n')
    if all(len(l) <= width for l in lines):
        return None
    raw = nl.join(piece for l in lines for piece in _wrap_line(l, width))
    return _with_payload(msg, part, raw)

def report_mixed(b):
    # a mail system or archiver that keeps no report types rewrites multipart/report as multipart/mixed
    head = re.split(rb'\r?\n\r?\n', b, maxsplit=1)[0]
    new = re.sub(rb'(?i)multipart/report((?:\s*;\s*|\s*\r?\n[ \t]+)*report-type="?[a-z-]+"?)?', b'multipart/mixed', head, count=1)
    return None if new == head else new + b[len(head):]

def dsn_octet(b):
    # a gateway's attachment handling relabels message/delivery-status as a file (details.txt)
    return _dsn_part(b, lambda head, body: (re.sub(rb'(?i)message/delivery-status',
                                                  b'application/octet-stream; name="details.txt"', head, count=1) +
                                           _nl(b) + b'Content-Disposition: attachment; filename="details.txt"', body))

def boundary_rename(b):
    # a re-mailer or archiver that rebuilds the MIME tree writes its own boundary strings
    bds = sorted(set(x.strip() for x in re.findall(rb'(?i)boundary="?([^";\r\n]+)"?', b)), key=len, reverse=True)
    if not bds:
        return None
    out = b
    for i, bd in enumerate(bds):
        new = b'----=_Part_%d_26.%d' % (i, 1700000000 + i)
        out = re.sub(rb'(?i)(boundary=)"?' + re.escape(bd) + rb'"?', rb'\1"' + new + b'"', out)
        out = re.sub(rb'(?m)^--' + re.escape(bd) + rb'(--)?(?=[ \t]*\r?$)', lambda m: b'--' + new + (m.group(1) or b''), out)
    return out

def swap_parts(b):
    # a gateway that rebuilds a multipart/report puts the delivery-status part before the human-readable one
    bd = _top_boundary(b)
    if bd is None or not re.search(rb'(?i)multipart/report', re.split(rb'\r?\n\r?\n', b, maxsplit=1)[0]):
        return None
    lines = [m for m in re.finditer(rb'(?m)^--' + re.escape(bd) + rb'(--)?[ \t]*\r?\n?', b)]
    if len(lines) < 3 or lines[0].group(1) or lines[1].group(1):
        return None
    p1 = b[lines[0].end():lines[1].start()]
    nxt = lines[2].start()
    p2 = b[lines[1].end():nxt]
    if not re.search(rb'(?i)content-type:\s*message/(global-)?delivery-status', p2.split(b'\n\n')[0].split(b'\r\n\r\n')[0]):
        return None
    nl = _nl(b)
    # each part's last line break belongs to the boundary line after it
    p1, p2 = p1.rstrip(b'\r\n'), p2.rstrip(b'\r\n')
    return (b[:lines[0].end()] + p2 + nl + b[lines[1].start():lines[1].end()] + p1 + nl + b[nxt:])

def hdr2047_q(b):
    """Subject as UTF-8 Q encoded-words and the From display name as UTF-8 B (subj2047 does the other way)."""
    # mail clients and gateways re-encoding headers (Outlook writes UTF-8 B, Thunderbird UTF-8 Q)
    nl = _nl(b)
    changed = b
    got = _unfolded(b, rb'Subject')
    if got and b'=?' not in got[1] and got[1].strip():
        try:
            text = got[1].decode('utf-8')
        except UnicodeDecodeError:
            text = None
        if text is not None:
            words = _words(text, 'UTF-8', 'Q', 2 if len(text) > 30 else 1).replace(b'\n', nl)
            m = got[0]
            changed = changed[:m.start()] + b'Subject: ' + words + nl + changed[m.end():]
    got = _unfolded(changed, rb'From')
    if got and b'=?' not in got[1]:
        d = re.match(rb'^"?([^"<>]*?[A-Za-z][^"<>]*?)"?\s*(<[^<>]+>)\s*$', got[1])
        if d:
            try:
                name = d.group(1).decode('utf-8')
            except UnicodeError:
                name = None
            if name:
                words = _words(name, 'UTF-8', 'B', 1).replace(b'\n', nl)
                m = got[0]
                changed = changed[:m.start()] + b'From: ' + words + b' ' + d.group(2) + nl + changed[m.end():]
    return changed if changed != b else None

def spamtag(b, tag=None):
    # a quarantine or security product (SpamAssassin's rewrite_header, Exchange/Proofpoint external
    # tagging) prefixes the Subject and adds its own X- headers
    got = _unfolded(b, rb'Subject')
    nl = _nl(b)
    if got is None:
        return None
    tags = (b'[SPAM] ', b'[EXTERNAL] ', b'*** SPAM *** ')
    tag = tag or tags[sum(b[:200]) % 3]
    m = got[0]
    val = b[m.start():m.end()][len(b'Subject:'):].lstrip(b' \t')
    extra = (b'X-Spam-Flag: YES' + nl + b'X-Spam-Level: *****' + nl +
             b'X-Spam-Status: Yes, score=5.3 required=5.0 tests=BOUNCE_MSG,MISSING_MID autolearn=no' + nl +
             b'X-MS-Exchange-Organization-SCL: 5' + nl + b'X-Proofpoint-Spam-Details: rule=notspam policy=default' + nl)
    return b[:m.start()] + b'Subject: ' + tag + val + b[m.end():m.end()] + extra + b[m.end():]

def mozmbox(b):
    # a Thunderbird or Apple Mail mailbox export: a "From - date" line, X-Mozilla-Status headers, and
    # every body line that starts "From " written ">From " (mboxrd: ">From " becomes ">>From ")
    if b.startswith(b'From '):
        return None
    got = _head_body(b)
    if got is None:
        return None
    head, sep, body = got
    if not head.strip():  # a leading blank line: the export's headers would end the message's
        return None
    nl = _nl(b)
    body = re.sub(rb'(?m)^(>*From )', rb'>\1', body)
    return (b'From - Mon Dec  7 09:00:00 2026' + nl + b'X-Mozilla-Status: 0001' + nl +
            b'X-Mozilla-Status2: 00000000' + nl + b'X-Mozilla-Keys:' + nl + head + sep + body)

def cr_only(b):
    # an old Mac OS mail client or a file moved through one stores lines ended by CR alone
    if b'\r' in b or b.startswith(b'From '):
        return None
    return b.replace(b'\n', b'\r')

def leadblank(b):
    # a message saved by a web archive or pasted into a ticket starts with an empty line
    if b.startswith(b'From '):
        return None
    return _nl(b) + b

def retpath2(b):
    # a message delivered through two hops that each stamp Return-Path (Delivered-To, then a local MDA)
    if b.startswith(b'From '):
        return None
    got = _unfolded(b, rb'Return-Path')
    if got is None:  # adding one would say who sent it (a null one says a mail system)
        return None
    m = got[0]
    return b[:m.start()] + b[m.start():m.end()] + b[m.start():m.end()] + b[m.end():]


# Mail paths between a bounce and its reader (session 27): redirects, SMTPUTF8 reports, DSN field
# spelling, recoded Japanese notices, attachment strippers, fetchers.

def resent(b):
    # a person's MUA "Redirect"/"Bounce" (mutt's bounce, Thunderbird's Redirect): the message is sent
    # on unchanged with Resent-* fields prepended (RFC 5322 section 3.6.6)
    # a message that opens with a blank line has no header of its own: fields added above it would be
    if b.startswith(b'From ') or _head_body(b) is None or b.startswith((b'\n', b'\r')):
        return None
    nl = _nl(b)
    return (b'Resent-From: Alice Example <alice@example.com>' + nl + b'Resent-To: helpdesk@example.com' + nl +
            b'Resent-Date: Mon, 7 Dec 2026 09:00:00 +0000' + nl +
            b'Resent-Message-ID: <resent-27@example.com>' + nl + b)

def global6533(b):
    # an SMTPUTF8 MTA's report (RFC 6533): multipart/report; report-type=global-delivery-status, the
    # status part message/global-delivery-status, the copy message/global (headers only:
    # message/global-headers), address types utf-8
    if not re.search(rb'(?i)content-type:\s*message/delivery-status', b):
        return None
    head = re.split(rb'\r?\n\r?\n', b, maxsplit=1)[0]
    out = re.sub(rb'(?i)(report-type=)("?)delivery-status', rb'\1\2global-delivery-status', head) + b[len(head):]
    edits = []
    for hs, he, bs, be in _part_spans(out):
        h = out[hs:he]
        ct = _ctype(h)
        if ct == b'message/delivery-status':
            body = re.sub(rb'(?mi)^((?:final|original)-recipient:[ \t]*)rfc822[ \t]*;', rb'\1utf-8;', out[bs:be])
            edits += [(hs, he, re.sub(rb'(?i)message/delivery-status', b'message/global-delivery-status', h, count=1)),
                      (bs, be, body)]
        elif ct in (b'message/rfc822', b'text/rfc822-headers'):
            edits.append((hs, he, re.sub(rb'(?i)message/rfc822|text/rfc822-headers',
                                         lambda m: b'message/global' if m.group(0).lower() == b'message/rfc822'
                                         else b'message/global-headers', h, count=1)))
    return _splice(out, edits) if edits else None

_DSN_NAME = rb'(?mi)^(reporting-mta|received-from-mta|arrival-date|original-envelope-id|dsn-gateway|final-recipient|' \
            rb'original-recipient|action|status|remote-mta|diagnostic-code|last-attempt-date|will-retry-until|' \
            rb'x-[a-z0-9-]+)[ \t]*:[ \t]*'

def dsn_case(b):
    # DSN fields as hand-written or converted gateways write them: field names in lower or upper case,
    # white space before and after the colon (RFC 5322 obs-optional allows it; field names are
    # case-insensitive)
    def fn(head, body):
        n = [0]
        def one(m):
            n[0] += 1
            name = m.group(1)
            return (name.lower() + b' : ', name.upper() + b':   ', name + b'\t:')[n[0] % 3]
        return head, re.sub(_DSN_NAME, one, body)
    return _dsn_part(b, fn)

_CLASS = {b'2': b'(success)', b'4': b'(persistent transient failure)', b'5': b'(permanent failure)'}

def dsn_comment(b):
    # address and diagnostic types in upper case with no space after ';' ("RFC822;user@...",
    # "SMTP;550 ..."), and a Status with a trailing comment naming its class (RFC 3463 section 3.1)
    def fn(head, body):
        body = re.sub(rb'(?mi)^((?:final-recipient|original-recipient|diagnostic-code|remote-mta|reporting-mta)'
                      rb'[ \t]*:[ \t]*)(rfc822|smtp|dns|x-[a-z0-9-]+)[ \t]*;[ \t]*',
                      lambda m: m.group(1) + m.group(2).upper() + b';', body)
        body = re.sub(rb'(?mi)^(status[ \t]*:[ \t]*([245])\.\d{1,3}\.\d{1,3})[ \t]*(?=\r?$)',
                      lambda m: m.group(1) + b' ' + _CLASS[m.group(2)], body)
        return head, body
    out = _dsn_part(b, fn)
    return out if out != b else None

def _text_parts_outside(msg):
    """Text parts of MSG that are not inside an attached message."""
    if msg.is_multipart():
        for p in msg.get_payload():
            if p.get_content_maintype() == 'message':
                continue
            yield from _text_parts_outside(p)
    elif msg.get_content_maintype() == 'text':
        yield msg

def recode_jp(b, to):
    # a Japanese notice (ISO-2022-JP) recoded by a gateway, a webmail or an archive to UTF-8 or
    # Shift_JIS, its charset label changed to match
    if b.startswith(b'From ') or b'\r\r' in b or not re.search(rb'(?i)iso-2022-jp', b):
        return None
    msg = email.message_from_bytes(b, policy=email.policy.compat32)
    done = False
    for part in _text_parts_outside(msg):
        if (part.get_content_charset() or '') != 'iso-2022-jp':
            continue
        raw = part.get_payload(decode=True)
        try:
            text = raw.decode('iso-2022-jp')
            new = text.encode(to)
        except (UnicodeError, AttributeError):
            return None
        cte = part.get('Content-Transfer-Encoding', '').strip().lower()
        del part['Content-Transfer-Encoding']
        part.set_param('charset', 'utf-8' if to == 'utf-8' else 'Shift_JIS')
        if cte == 'base64':
            part['Content-Transfer-Encoding'] = 'base64'
            part.set_payload(base64.encodebytes(new).decode('ascii'))
        else:
            part['Content-Transfer-Encoding'] = '8bit'
            part._payload = new.decode('ascii', 'surrogateescape')
        done = True
    return serialize(msg) if done else None

def hdr8bit(b):
    # a Korean or Japanese gateway tags mail from outside with a raw UTF-8 Subject prefix and writes
    # its own note as a raw UTF-8 header (RFC 6532, no encoded words)
    got = _unfolded(b, rb'Subject')
    if got is None or b.startswith(b'From '):
        return None
    nl = _nl(b)
    m = got[0]
    val = b[m.start():m.end()][len(b'Subject:'):].lstrip(b' \t')
    tag = ('[外部メール] ', '[외부메일] ')[sum(b[:100]) % 2].encode('utf-8')
    note = 'X-Gateway-Note: 外部から届いたメールです'.encode('utf-8')
    return b[:m.start()] + b'Subject: ' + tag + val + note + nl + b[m.end():]

_REMOVED = (b'[attachment removed]\n',
            b'This part was removed by the Example Gateway attachment filter.\n'
            b'Original content type: message/rfc822\n')

def strip_orig(b):
    # a list archiver (Mailman's scrubber) or an antivirus/attachment filter replaces the returned
    # message by a short text part saying it was removed
    spans = [s for s in _part_spans(b) if _ctype(b[s[0]:s[1]]) in (b'message/rfc822', b'text/rfc822-headers')]
    if not spans:
        return None
    hs, he, bs, be = spans[0]
    nl = _nl(b)
    text = _REMOVED[len(b) % 2].replace(b'\n', nl).rstrip(b'\r\n')
    return _splice(b, [(hs, bs, nl + b'Content-Type: text/plain; charset=us-ascii' + nl +
                        b'Content-Disposition: inline' + nl + nl), (bs, be, text)])

def ctparams(b):
    # a MIME rewriter writes Content-Type parameters in its own way: upper case names, every value
    # quoted, boundary first (parameter names are case-insensitive and unordered, RFC 2045 5.1)
    def one(m):
        field = re.sub(rb'\r?\n[ \t]+', b' ', m.group(2))
        parts = [p.strip() for p in re.split(rb';(?=(?:[^"]*"[^"]*")*[^"]*$)', field)]
        if len(parts) < 2 or not all(re.match(rb'[A-Za-z0-9*-]+\s*=', p) for p in parts[1:] if p):
            return m.group(0)
        params = []
        for p in parts[1:]:
            if not p:
                continue
            k, v = re.match(rb'([A-Za-z0-9*-]+)\s*=\s*(.*)', p, re.S).groups()
            if k.endswith(b'*'):
                return m.group(0)
            if not v.startswith(b'"'):
                v = b'"' + v + b'"'
            k = k.upper() if k.lower() in (b'boundary', b'charset') else b'-'.join(x.capitalize() for x in k.split(b'-'))
            params.append((k.lower() != b'boundary', k, v))
        params.sort(key=lambda x: x[0])
        return m.group(1) + parts[0] + b''.join(b'; ' + k + b'=' + v for _, k, v in params) + m.group(3)
    out = re.sub(rb'(?mi)^(content-type:[ \t]*)([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)(\r?\n)', one, b)
    return out if out != b else None

def alt_wrap(b):
    # a gateway that makes an HTML copy of plain-text mail sends the notice as multipart/alternative
    # (text/plain, then text/html)
    import html as H
    # a message cut short (no closing boundary line, no last line break): written again by the email
    # package it would end its cut line and close its parts, and no longer read as cut
    bd = _top_boundary(b)
    if not b.endswith(b'\n') or (bd and not re.search(rb'(?m)^--' + re.escape(bd) + rb'--', b)):
        return None
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    # a notice that already has its HTML twin: a gateway makes none of it
    if any(p.get_content_type() == 'multipart/alternative' for p in msg.walk()):
        return None
    cs = part.get_content_charset() or 'us-ascii'
    try:
        text = raw.decode(cs)
    except (UnicodeError, LookupError):
        return None
    alt = email.message.Message()
    alt['Content-Type'] = 'multipart/alternative; boundary="==alt-27=="'
    html = email.message.Message()
    html['Content-Type'] = 'text/html; charset=utf-8'
    html['Content-Transfer-Encoding'] = 'quoted-printable'
    doc = '<html><body><pre>' + H.escape(text, quote=False) + '</pre></body></html>\n'
    html.set_payload(quopri.encodestring(doc.encode('utf-8')).decode('ascii'))
    if part is msg:  # a single-part notice: the message itself becomes the alternative
        inner = email.message.Message()
        for k in ('Content-Type', 'Content-Transfer-Encoding'):
            if msg[k]:
                inner[k] = msg[k]
        inner.set_payload(msg.get_payload())
        for k in ('Content-Type', 'Content-Transfer-Encoding'):
            del msg[k]
        msg['Content-Type'] = alt['Content-Type']
        if not msg['MIME-Version']:
            msg['MIME-Version'] = '1.0'
        msg.set_payload([inner, html])
        return serialize(msg)
    for p in msg.walk():
        if p.is_multipart() and part in p.get_payload():
            alt.set_payload([part, html])
            pl = p.get_payload()
            pl[[id(x) for x in pl].index(id(part))] = alt
            return serialize(msg)
    return None

def popfetch(b):
    # fetchmail/getmail delivering from a POP or IMAP box: envelope headers and a Received line on top,
    # and the mbox status block (Status, X-Status, X-UID, X-Keywords) an MUA or a POP server adds
    got = _head_body(b)
    if got is None or b.startswith(b'From ') or b.startswith((b'\n', b'\r')):
        return None
    head, sep, body = got
    nl = _nl(b)
    rp = _unfolded(b, rb'Return-Path')
    top = []
    if rp is not None:
        top.append(b'X-Envelope-From: ' + rp[1].strip())
    top += [b'Delivered-To: list-bounces@example.org', b'X-Original-To: list-bounces@example.org',
            b'Received: from pop.example.org [198.51.100.5]' + nl +
            b'\tby localhost with POP3 (fetchmail-6.4.37)' + nl +
            b'\tfor <list@localhost> (single-drop); Mon, 07 Dec 2026 09:00:00 +0000 (UTC)']
    bottom = [b'Status: RO', b'X-Status: A', b'X-Keywords:', b'X-UID: 4127']
    return nl.join(top) + nl + head + nl + nl.join(bottom) + sep + body

def textunfold(b):
    # a converter that joins a text notice's continuation lines (the MTA's own wrap of a long reply,
    # an indented line after one that holds a reply code or status) into one long line, as it would
    # unfold a header
    got = notice_part(b)
    if got is None:
        return None
    msg, part, raw = got
    # a JSON notice (Amazon SES's) an archiver hard-wrapped: its lines are cut at a width, not
    # indented continuations, and joining one of them mends nothing a converter would
    if raw.lstrip().startswith(b'{'):
        return None
    nl = b'\r\n' if b'\r\n' in raw else b'\n'
    lines = raw.replace(b'\r\n', b'\n').split(b'\n')
    out = []
    for l in lines:
        ind = len(l) - len(l.lstrip(b' \t'))
        # a wrap is indented deeper than the line it continues: an indent as deep is the next entry of a
        # list, a shallower one a new entry (Exim's address lines)
        if out and l.strip() and ind and ind > len(out[-1]) - len(out[-1].lstrip(b' \t')) and out[-1].strip() \
                and re.search(rb'\b[245]\d\d\b|\b[245]\.\d{1,3}\.\d{1,3}\b', out[-1]):
            out[-1] = out[-1].rstrip() + b' ' + l.strip()
        else:
            out.append(l)
    if len(out) == len(lines):
        return None
    return _with_payload(msg, part, nl.join(out))


# What mail paths do to a bounce on its way to its reader (session 28): spam and antivirus tags,
# banners in other languages, Exchange's re-encoding, Outlook's .eml, base64 as writers cut it,
# DSN groups spaced otherwise, 8-bit originals, delivery loops, journal copies.

def _whole(b):
    """B's notice, as notice_part gives it, where the email package writes B again as it stands: not
    for a message cut short (no closing boundary line, no last line break), which written again would
    be closed and no longer read as cut, nor one opening with a blank line (no header of its own)."""
    bd = _top_boundary(b)
    if not b.endswith(b'\n') or (bd and not re.search(rb'(?m)^--' + re.escape(bd) + rb'--', b)) or \
            b.startswith((b'\n', b'\r')):
        return None
    # an attached original cut inside its header (no blank line under it) would be written with one
    for hs, he, bs, be in _part_spans(b):
        if _ctype(b[hs:he]) in (b'message/rfc822', b'text/rfc822-headers') and \
                not re.search(rb'\r?\n\r?\n', b[bs:be] + b'\n'):
            return None
    got = notice_part(b)
    # a notice cut short (its last line unended) would be ended by whatever is added after it
    if got is None or not got[2].endswith(b'\n'):
        return None
    return got

def spam_sa(b):
    # SpamAssassin with report_safe 0 (rewrite_header Subject; add_header all Status/Flag/Report) or
    # Amavis's spam subject tag: the Subject prefixed, the X-Spam-* fields appended to the header
    got = _head_body(b)
    sub = _unfolded(b, rb'Subject')
    if got is None or sub is None or b.startswith(b'From '):
        return None
    nl = _nl(b)
    tag = (b'***SPAM*** ', b'[SPAM] ', b'{Spam?} ')[sum(b[:300]) % 3]
    m = sub[0]
    val = b[m.start():m.end()][len(b'Subject:'):].lstrip(b' \t')
    b = b[:m.start()] + b'Subject: ' + tag + val + b[m.end():]
    head, sep, body = _head_body(b)
    extra = (b'X-Spam-Checker-Version: SpamAssassin 4.0.1 (2024-03-26) on filter.example.org', b'X-Spam-Flag: YES',
             b'X-Spam-Level: ******',
             b'X-Spam-Status: Yes, score=6.2 required=5.0 tests=ANY_BOUNCE_MESSAGE,BOUNCE_MESSAGE,' + nl +
             b'\tMISSING_MID,RDNS_NONE autolearn=no autolearn_force=no version=4.0.1',
             b'X-Spam-Report: ' + nl + b'\t*  0.1 ANY_BOUNCE_MESSAGE Message is some kind of bounce message' + nl +
             b'\t*  1.5 BOUNCE_MESSAGE MTA bounce message' + nl +
             b'\t*  0.5 MISSING_MID Missing Message-Id: header' + nl +
             b'\t*  1.3 RDNS_NONE Delivered to internal network by a host with no rDNS')
    return head + nl + nl.join(extra) + sep + body

_AV_FOOTERS = ('-- \nThis message has been scanned for viruses and\ndangerous content by MailScanner, and is\n'
               'believed to be clean.\n',
               '-- \nThis email has been scanned by the Example Gateway antivirus service.\n'
               'https://www.example.com/antivirus\n')

def av_footer(b):
    # an antivirus gateway (MailScanner's signature, a vendor's "scanned by" line) appends its footer to
    # every text part it can edit: after a text/plain part's last line, before </body> in an HTML part
    if b.startswith(b'From ') or b'\r\r' in b or _whole(b) is None:
        return None
    msg = email.message_from_bytes(b, policy=email.policy.compat32)
    if any(p.defects for p in msg.walk()):
        return None
    foot = _AV_FOOTERS[len(b) % 2]
    done = False
    for part in _text_parts_outside(msg):
        if part.get_content_type() not in ('text/plain', 'text/html'):
            continue
        raw = part.get_payload(decode=True)
        cs = (part.get_content_charset() or 'us-ascii').lower()
        if raw is None or cs.startswith(('utf-16', 'utf-32')):
            continue
        nl = b'\r\n' if b'\r\n' in raw else b'\n'
        if part.get_content_type() == 'text/html':
            at = raw.lower().rfind(b'</body>')
            add = b'<p>' + foot.replace('\n', '<br>\n').encode('ascii') + b'</p>' + nl
            raw = raw[:at] + add + raw[at:] if at >= 0 else raw + add
        else:
            raw = raw.rstrip(b'\r\n') + nl + nl + foot.replace('\n', nl.decode()).encode('ascii')
        _set_raw(part, raw)
        done = True
    return serialize(msg) if done else None

_BANNERS = ('ACHTUNG: Diese E-Mail stammt von außerhalb der Organisation. Klicken Sie nicht auf Links und '
            'öffnen Sie keine Anhänge, es sei denn, Sie kennen den Absender und wissen, dass der Inhalt sicher ist.',
            "ATTENTION : Ce courriel provient de l'extérieur de l'organisation. Ne cliquez pas sur les liens "
            "et n'ouvrez pas les pièces jointes à moins de connaître l'expéditeur et de savoir que le contenu est sûr.")

def banner_intl(b):
    # an Exchange Online transport rule of a German or French site puts its external-sender
    # warning above the first text part of mail from outside, in its own language; the part becomes UTF-8
    got = _whole(b)
    if got is None:
        return None
    msg, part, raw = got
    cs = part.get_content_charset() or 'us-ascii'
    try:
        text = raw.decode(cs)
    except (UnicodeError, LookupError):
        return None
    # UTF-8 bytes under another label: a reader mends the mojibake; re-encoded it would stay
    if cs not in ('utf-8', 'utf8') and max(raw) >= 0x80:
        try:
            raw.decode('utf-8')
            return None
        except UnicodeError:
            pass
    # a gateway reads the text, a byte-order mark and all, and writes its banner above it
    text = text[1:] if text.startswith('\ufeff') else text
    nl = '\r\n' if '\r\n' in text else '\n'
    text = _BANNERS[len(b) % 2] + nl + nl + text
    part.set_param('charset', 'utf-8')
    cte = part.get('Content-Transfer-Encoding', '').strip().lower()
    if cte not in ('base64', 'quoted-printable'):
        del part['Content-Transfer-Encoding']
        part['Content-Transfer-Encoding'] = '8bit'
    _set_raw(part, text.encode('utf-8'))
    return serialize(msg)

def exch_qp(b):
    # Exchange converting a plain-text notice to its own MIME: quoted-printable, CRLF, each line's
    # trailing space kept as "=20" (its text export pads lines)
    got = _whole(b)
    if got is None:
        return None
    msg, part, raw = got
    lines = raw.replace(b'\r\n', b'\n').split(b'\n')
    raw = b'\n'.join(l + b' ' if l.strip() else l for l in lines)
    del part['Content-Transfer-Encoding']
    part['Content-Transfer-Encoding'] = 'quoted-printable'
    part.set_payload(quopri.encodestring(raw).decode('ascii'))
    return crlf(serialize(msg))

_OUTLOOK_FIRST = (b'from', b'to', b'cc', b'subject', b'thread-topic', b'thread-index', b'date', b'message-id',
                  b'references', b'in-reply-to')

def outlook_eml(b):
    # a message saved from Outlook as .eml: its fields in Outlook's order (From, To, Subject,
    # Thread-Topic, Thread-Index, Date, Message-ID, ..., Content-Language, X-MS-Has-Attach, transport
    # fields, MIME fields last), and a single-part notice wrapped in multipart/mixed
    got = _head_body(b)
    if got is None or b.startswith(b'From ') or b.startswith((b'\n', b'\r')):
        return None
    head, sep, body = got
    nl = _nl(b)
    fields = re.findall(rb'(?m)^[^ \t\r\n][^\n]*(?:\n[ \t][^\n]*)*', head.replace(b'\r\n', b'\n'))
    name = lambda f: f.split(b':', 1)[0].strip().lower()
    if any(b':' not in f for f in fields):
        return None
    sub = _unfolded(b, rb'Subject')
    first = sorted([f for f in fields if name(f) in _OUTLOOK_FIRST], key=lambda f: _OUTLOOK_FIRST.index(name(f)))
    mime = [f for f in fields if name(f).startswith(b'content-') or name(f) == b'mime-version']
    rest = [f for f in fields if f not in first and f not in mime]
    ms = [b'Thread-Topic: ' + (sub[1].strip() if sub else b''), b'Thread-Index: AdrIuZ4qB6x1pCk9QkWcS0m2l5ZyXw==',
          b'Accept-Language: en-US', b'Content-Language: en-US',
          b'X-MS-Has-Attach: ' + (b'yes' if re.search(rb'(?i)multipart/', b''.join(mime)) else b''),
          b'X-MS-TNEF-Correlator:']
    ctype = _ctype(b'\n'.join(mime))
    if ctype.startswith(b'multipart/'):
        out = first + ms + rest + mime
        return nl.join(out).replace(b'\n', nl).replace(b'\r\r', b'\r') + sep + body
    # a notice cut short (its last line unended) would be ended by the closing boundary line
    if ctype not in (b'', b'text/plain') or not body.endswith(b'\n'):
        return None
    inner = [f for f in mime if name(f) != b'mime-version'] or [b'Content-Type: text/plain; charset=us-ascii']
    out = first + ms + rest + [b'MIME-Version: 1.0', b'Content-Type: multipart/mixed; boundary="_000_outlook28_"']
    head = nl.join(x.replace(b'\r\n', b'\n').replace(b'\n', nl) for x in out)
    part = nl.join(x.replace(b'\r\n', b'\n').replace(b'\n', nl) for x in inner)
    return (head + nl + nl + b'--_000_outlook28_' + nl + part + nl + nl + body.rstrip(b'\r\n') + nl +
            b'--_000_outlook28_--' + nl)

def b64_cut(b, how):
    # base64 as other writers cut it: 64-column lines (PEM style), one long line, or a gateway's text
    # appended after the padding (a disclaimer tool that does not decode)
    got = _whole(b)
    if got is None:
        return None
    msg, part, raw = got
    enc = base64.b64encode(raw)
    if how == 'long':
        enc = enc + b'\n'
    else:
        enc = b''.join(enc[i:i + 64] + b'\n' for i in range(0, len(enc), 64))
    if how == 'junk':
        # without padding a decoder cannot tell the appended text from data: only after it
        if not enc.rstrip().endswith(b'='):
            return None
        enc += b'\n-- \nScanned by Example Gateway\n'
    del part['Content-Transfer-Encoding']
    part['Content-Transfer-Encoding'] = 'base64'
    part.set_payload(enc.decode('ascii'))
    return serialize(msg)

def dsn_blank(b, how):
    # the blank line between the per-message fields and the first recipient's removed (a gateway that
    # rewrites the part line by line) or every blank line between groups doubled (a converter that
    # writes CRLF as two line breaks)
    def fn(head, body):
        nl = b'\r\n' if b'\r\n' in body else b'\n'
        lead = re.match(rb'(?:[ \t]*\r?\n)*', body).end()
        if how == 'none':
            m = re.compile(rb'\r?\n(?:[ \t]*\r?\n)+(?=[A-Za-z])').search(body, lead)
            if m is None:
                return head, body
            return head, body[:m.start()] + nl + body[m.end():]
        return head, body[:lead] + re.sub(rb'(\r?\n)([ \t]*\r?\n)+(?=[A-Za-z])', lambda m: m.group(1) + nl + nl,
                                          body[lead:])
    out = _dsn_part(b, fn)
    return out if out != b else None

def orig_8bit(b):
    # the returned original's own header written by a client that folds with TABs and puts raw 8-bit
    # text in Subject and a display name (UTF-8 or Latin-1, no encoded words)
    spans = [s for s in _part_spans(b) if _ctype(b[s[0]:s[1]]) == b'message/rfc822']
    if not spans:
        return None
    hs, he, bs, be = spans[0]
    inner = b[bs:be]
    m = re.search(rb'\r?\n\r?\n', inner)
    if m is None:
        return None
    nl = b'\r\n' if b'\r\n' in inner[:m.end()] else b'\n'
    ih = inner[:m.start()]
    utf = len(b) % 2 == 0
    word = 'Präsentation für Müller'.encode('utf-8' if utf else 'latin-1')
    ih2 = re.sub(rb'(?mi)^(Subject:[ \t]*)([^\r\n]*)', lambda mm: mm.group(1) + word + b': ' + mm.group(2), ih, count=1)
    ih2 = re.sub(rb'(?mi)^(From:[ \t]*)(<[^<>\r\n]+>)[ \t]*(?=\r?$)',
                 lambda mm: mm.group(1) + ('Jürgen Weiß'.encode('utf-8' if utf else 'latin-1')) + b' ' + mm.group(2), ih2, count=1)
    ih2 = nl.join(_fold_line(l.rstrip(b'\r')).replace(b'\n', nl) for l in ih2.split(b'\n'))
    ih2 = re.sub(rb'\r?\n {1,8}(?=\S)', nl + b'\t', ih2)
    if ih2 == ih:
        return None
    return b[:bs] + ih2 + inner[m.start():] + b[be:]

def received_loop(b):
    # relaying hops after the bounce's delivery (an alias, a forward to a ticket system): Received
    # fields above it, a second Return-Path where the first was stamped, Delivered-To twice
    got = _head_body(b)
    if got is None or b.startswith(b'From ') or b.startswith((b'\n', b'\r')):
        return None
    nl = _nl(b)
    rp = _unfolded(b, rb'Return-Path')
    top = []
    if rp is not None:
        top.append(b'Return-Path: ' + rp[1].strip())
    top += [b'Delivered-To: helpdesk@example.org',
            b'Received: from relay.example.org (relay.example.org [198.51.100.20])' + nl +
            b'\tby tickets.example.org (Postfix) with ESMTPS id 4QxYz1AbCd' + nl +
            b'\tfor <helpdesk@example.org>; Mon, 7 Dec 2026 09:00:02 +0000 (UTC)',
            b'Delivered-To: list-bounces@example.org',
            b'Received: by relay.example.org (Postfix, from userid 0)' + nl +
            b'\tid 7C1D2E3F4A; Mon, 7 Dec 2026 09:00:01 +0000 (UTC)',
            b'Delivered-To: list-bounces@example.org']
    return nl.join(top) + nl + b

def journal(b):
    # Exchange envelope journaling: the journal mailbox gets a report whose text part names Sender,
    # Subject, Message-Id and each Recipient and whose second part is the message itself, attached
    # (https://learn.microsoft.com/en-us/previous-versions/tn-archive/bb124288(v=exchg.65))
    got = _head_body(b)
    if got is None or b.startswith(b'From '):
        return None
    sub = _unfolded(b, rb'Subject')
    mid = _unfolded(b, rb'Message-ID')
    frm = _unfolded(b, rb'From')
    addr = re.search(rb'[^\s<>"]+@[^\s<>"]+', frm[1]) if frm else None
    subj = sub[1].strip() if sub else b''
    text = (b'Sender: ' + (addr.group(0) if addr else b'MAILER-DAEMON@example.net') + b'\n' +
            b'Subject: ' + subj + b'\n' +
            b'Message-Id: ' + (mid[1].strip() if mid else b'<journal-28@example.org>') + b'\n' +
            b'Recipient: list-bounces@example.org\n')
    return (b'From: Microsoft Exchange <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.org>\n'
            b'To: journal@example.org\nSubject: ' + subj + b'\nDate: Mon, 7 Dec 2026 09:00:03 +0000\n'
            b'Message-ID: <journal-28-1@example.org>\nX-MS-Journal-Report:\nMIME-Version: 1.0\n'
            b'Content-Type: multipart/mixed; boundary="journal-28"\n\n'
            b'--journal-28\nContent-Type: text/plain; charset=us-ascii\n\n' + text + b'\n'
            b'--journal-28\nContent-Type: message/rfc822\n\n' + b.replace(b'\r\n', b'\n') +
            b'\n--journal-28--\n')

# What a configuration, a relay or another version of the MTA changes (session 28): the notice's From,
# its Subject and the MTA's own X- headers; the body, which the MTA always writes, is kept.

def _reporting_host(b):
    """The host that wrote the notice: the DSN's Reporting-MTA, else the From's domain, else the first
    Received's 'by' host."""
    m = re.search(rb'(?mi)^Reporting-MTA:[ \t]*(?:dns;)?[ \t]*([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})', b)
    if m:
        return m.group(1)
    got = _unfolded(b, rb'From')
    if got:
        m = re.search(rb'@([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})', got[1])
        if m:
            return m.group(1)
    got = _unfolded(b, rb'Received')
    if got:
        m = re.search(rb'\bby[ \t]+([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})', got[1])
        if m:
            return m.group(1)
    return b'mail.example.net'

def _set_top(b, name, value):
    """B with its top-level header NAME's value replaced by VALUE; None when there is no such header."""
    got = _unfolded(b, name)
    if got is None:
        return None
    m = got[0]
    return b[:m.start()] + name + b': ' + value + _nl(b) + b[m.end():]

_SYSTEM_LOCAL = rb'(?i)(mailer-?daemon|mail-?daemon|postmaster|mailer|mail[-_. ]?(delivery|administrator|system)|' \
                rb'system ?administrator|microsoftexchange|bounces?|nobody|root|no-?reply)'

def _not_from_mta(b):
    """A message a person or a feedback loop sent, not an MTA's notice: its From and Subject are its
    author's, which no relay rewrites into a mail system's (an auto-reply, a challenge, an ARF report)."""
    head = _head_body(b)
    head = head[0] if head else b
    if re.search(rb'(?i)feedback-report', head) or re.search(rb'(?mi)^Feedback-Type:', b):
        return True
    frm = _unfolded(b, rb'From')
    if frm is not None and re.search(_SYSTEM_LOCAL, frm[1]):
        return False
    subj = _unfolded(b, rb'Subject')
    subj = subj[1] if subj else b''
    return bool(re.search(rb'(?mi)^(auto-submitted:[ \t]*auto-replied|x-autorespond|x-autoreply|'
                          rb'precedence:[ \t]*auto.?reply|x-auto-response-suppress)', head) or
                re.search(rb'(?i)^\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|away|'
                          rb'vacation|abwesen|please confirm|verify|challenge)', subj))

def genfrom(b):
    # a relay or the MTA's own configuration (Postfix's 2bounce_notice_recipient, Sendmail's
    # confMAILER_NAME, Exchange's MicrosoftExchange address) writes another From
    if _not_from_mta(b):
        return None
    return _set_top(b, rb'From', b'Mail Delivery Subsystem <postmaster@' + _reporting_host(b) + b'>')

_SUBJECTS = (b'Undelivered Mail Returned to Sender', b'Mail delivery failed', b'Returned mail: see transcript for details',
             b'Undeliverable: ', b'Delivery Status Notification (Failure)', b'failure notice')

def _orig_subject(b):
    """The returned message's Subject: the first Subject after the notice's own header block."""
    got = _head_body(b)
    if got is None:
        return b'Your message'
    m = re.search(rb'(?mi)^Subject:[ \t]*(\S[^\r\n]*)', got[2])
    return m.group(1).strip() if m else b'Your message'

def gensubj(b):
    # another version or a translated template titles the notice with another of the common subjects
    if _not_from_mta(b):
        return None
    got = _unfolded(b, rb'Subject')
    if got is None:
        return None
    old = got[1].strip().lower()
    i = sum(b[:300]) % len(_SUBJECTS)
    for k in range(len(_SUBJECTS)):
        s = _SUBJECTS[(i + k) % len(_SUBJECTS)]
        if not old.startswith(s.strip().lower()):
            break
    if s == b'Undeliverable: ':
        s += _orig_subject(b)
    return _set_top(b, rb'Subject', s)

_MTA_X = rb'(?i)(x-postfix-queue-id|x-failed-recipients|x-ms-exchange-[a-z0-9-]*|x-mailer|x-google-[a-z0-9-]*|x-ses-[a-z0-9-]*):'

def noxhdrs(b):
    # a relay or a filter that strips the reporting MTA's own X- headers, or a version that never wrote them
    got = _head_body(b)
    if got is None:
        return None
    head, sep, body = got
    fields = re.findall(rb'(?m)^[^ \t\r\n][^\n]*(?:\n[ \t][^\n]*)*(?:\n|$)', head + b'\n')
    kept = [f for f in fields if not re.match(_MTA_X, f)]
    if len(kept) == len(fields):
        return None
    return (b''.join(kept))[:-1] + sep + body if kept else None

def genall(b):
    out = b
    for fn in (noxhdrs, genfrom, gensubj):
        v = fn(out)
        out = v if v is not None else out
    return out if out != b else None

TRANSFORMS = {
    'crlf': crlf, 'mboxfrom': mboxfrom, 'lowerhdr': lowerhdr, 'morehdrs': morehdrs,
    'b64': lambda b: reencode(b, 'b64'), 'qp': lambda b: reencode(b, 'qp'), 'fwd': forwarded, 'fwdinline': forwarded_inline,
    'html-br': lambda b: tohtml(b, 'br'), 'html-one': lambda b: tohtml(b, 'one'), 'html-p': lambda b: tohtml(b, 'p'),
    'subj2047': subj2047, 'rfc822hdrs': rfc822hdrs, 'noorig': noorig, 'latin1': latin1, 'utf8-8bit': utf8_8bit,
    'tabfold': tabfold, 'nofold': nofold, 'trailing-ws': trailing_ws,
    'noclose': noclose, 'nomimever': nomimever, 'badcharset': badcharset, 'dsn-b64': dsn_b64, 'dsn-text': dsn_text,
    'cut-orig': lambda b: _cut_orig(b, 'body'), 'cut-orig-hdr': lambda b: _cut_orig(b, 'header'),
    'crlf-mix': crlf_mix, 'utf8-hdr': utf8_hdr, 'bom': bom,
    'footer-mixed': footer_mixed, 'footer-line': footer_line, 'rewrap': rewrap,
    'rewrap72': lambda b: rewrap(b, 72), 'report-mixed': report_mixed, 'dsn-octet': dsn_octet,
    'boundary': boundary_rename, 'swap': swap_parts, 'hdr2047-q': hdr2047_q, 'spamtag': spamtag,
    'mozmbox': mozmbox, 'cr-only': cr_only, 'leadblank': leadblank, 'retpath2': retpath2,
    'resent': resent, 'global': global6533, 'dsn-case': dsn_case, 'dsn-comment': dsn_comment,
    'jp-utf8': lambda b: recode_jp(b, 'utf-8'), 'jp-sjis': lambda b: recode_jp(b, 'shift_jis'), 'hdr8bit': hdr8bit,
    'strip-orig': strip_orig, 'ctparams': ctparams, 'alt-wrap': alt_wrap, 'popfetch': popfetch, 'textunfold': textunfold,
    'spam-sa': spam_sa, 'av-footer': av_footer, 'banner-intl': banner_intl, 'exch-qp': exch_qp,
    'outlook-eml': outlook_eml, 'b64-64': lambda b: b64_cut(b, '64'), 'b64-long': lambda b: b64_cut(b, 'long'),
    'b64-junk': lambda b: b64_cut(b, 'junk'), 'dsn-noblank': lambda b: dsn_blank(b, 'none'),
    'dsn-2blank': lambda b: dsn_blank(b, 'double'), 'orig-8bit': orig_8bit, 'received-loop': received_loop,
    'fwdjournal': journal,
    'genfrom': genfrom, 'gensubj': gensubj, 'noxhdrs': noxhdrs, 'genall': genall,
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
