"""libbounce for Python: read bounce emails through the C library, with ctypes.

There is nothing to build: this one file loads libbounce.so.0 and calls it.

    import libbounce
    report = libbounce.parse_file("bounce.eml")
    for rc in report.recipients:
        print(rc.address, rc.reason, "hard" if rc.hard else "soft")

    for item in libbounce.parse_path("Maildir"):   # files, mboxes, Maildirs
        print(item)                                 # what bounceparse --json prints

The values are the ones `bounceparse --json` prints: `Report.to_json()` gives
the same object, and `python3 -m libbounce --json FILE...` the same lines.

The library is looked for, in order:
  1. $LIBBOUNCE_LIBRARY: the path of libbounce.so.0 (or of its folder);
  2. a build next to this file: ../../build*/lib/libbounce.so.0 (the
     source tree, as `meson setup build` makes it);
  3. the system: the dynamic linker's paths (LD_LIBRARY_PATH, ld.so.cache,
     /usr/lib, /usr/local/lib after ldconfig).

Threads: the library lets any number of threads parse at once, and ctypes
releases the GIL during each call, so Python threads parse in parallel.
Everything a parse returns is copied into Python objects at once: nothing
here needs to be freed or closed.
"""
import ctypes
import ctypes.util
import glob
import json
import os
import stat
import sys
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Union

__all__ = [
    "Error", "Options", "Report", "Recipient", "parse_bytes", "parse_file", "parse_fd",
    "read_mbox", "parse_path", "version", "status_describe", "reply_code_describe",
    "cause_describe", "library_path",
    "LIMIT_MESSAGE_SIZE", "LIMIT_MIME_DEPTH", "LIMIT_MIME_PARTS", "LIMIT_RECIPIENTS",
    "LIMIT_LINE_LENGTH", "LIMIT_TEXT_SIZE", "INCLUDE_DELIVERED", "INCLUDE_AUTOREPLY",
    "INCLUDE_FEEDBACK", "INCLUDE_ALL",
]

SONAME = "libbounce.so.0"

# enum bounce_error_code
OK, ERROR_ARGUMENT, ERROR_IO, ERROR_EMPTY, ERROR_TOO_LARGE, ERROR_PARSE, ERROR_TOO_DEEP = range(7)
# enum bounce_limit
(LIMIT_MESSAGE_SIZE, LIMIT_MIME_DEPTH, LIMIT_MIME_PARTS, LIMIT_RECIPIENTS, LIMIT_LINE_LENGTH,
 LIMIT_TEXT_SIZE) = range(6)
# enum bounce_include
INCLUDE_DELIVERED, INCLUDE_AUTOREPLY, INCLUDE_FEEDBACK = 1, 2, 4
INCLUDE_ALL = INCLUDE_DELIVERED | INCLUDE_AUTOREPLY | INCLUDE_FEEDBACK
# enum bounce_field, in the order and with the names bounceparse --json uses
_FIELDS = [("address", 0), ("action", 1), ("status", 2), ("reply_code", 3), ("reason", 4),
           ("smtp_command", 5), ("remote_mta", 6), ("diagnostic", 7)]


def _candidates():
    env = os.environ.get("LIBBOUNCE_LIBRARY")
    if env:
        yield os.path.join(env, SONAME) if os.path.isdir(env) else env
        return  # asked for one library: do not fall back to another
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    for build in sorted(glob.glob(os.path.join(root, "build*"))):
        path = os.path.join(build, "lib", SONAME)
        if os.path.exists(path):
            yield path
    yield SONAME
    found = ctypes.util.find_library("bounce")
    if found:
        yield found


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            errors.append(f"{path}: {e}")
    raise ImportError("libbounce: cannot load the C library (set LIBBOUNCE_LIBRARY to the "
                      "path of libbounce.so.0): " + "; ".join(errors))


_lib, library_path = _load()

_p = ctypes.c_void_p
_s = ctypes.c_char_p
_z = ctypes.c_size_t
_i = ctypes.c_int
_u = ctypes.c_uint
_PROTOS = {
    "bounce_version_string": (_s, []),
    "bounce_version": (_u, []),
    "bounce_error_get_code": (_i, [_p]),
    "bounce_error_get_message": (_s, [_p]),
    "bounce_error_free": (None, [_p]),
    "bounce_strerror": (_s, [_i]),
    "bounce_kind_to_string": (_s, [_i]),
    "bounce_cause_to_string": (_s, [_i]),
    "bounce_cause_from_string": (_i, [_s]),
    "bounce_cause_describe": (_s, [_i]),
    "bounce_status_describe": (_s, [_s]),
    "bounce_reply_code_describe": (_s, [_i]),
    "bounce_options_new": (_p, []),
    "bounce_options_free": (None, [_p]),
    "bounce_options_set_limit": (_i, [_p, _i, _z]),
    "bounce_options_get_limit": (_z, [_p, _i]),
    "bounce_options_set_include": (None, [_p, _u]),
    "bounce_options_get_include": (_u, [_p]),
    "bounce_options_add_original_header": (_i, [_p, _s]),
    "bounce_parse_bytes": (_p, [_s, _z, _p, ctypes.POINTER(_p)]),
    "bounce_parse_file": (_p, [_s, _p, ctypes.POINTER(_p)]),
    "bounce_parse_fd": (_p, [_i, _p, ctypes.POINTER(_p)]),
    "bounce_mbox_open_fd": (_p, [_i, _p, ctypes.POINTER(_p)]),
    "bounce_mbox_open_bytes": (_p, [_s, _z, _p, ctypes.POINTER(_p)]),
    "bounce_mbox_next": (_i, [_p, ctypes.POINTER(_p), ctypes.POINTER(_p)]),
    "bounce_mbox_count": (_z, [_p]),
    "bounce_mbox_free": (None, [_p]),
    "bounce_report_free": (None, [_p]),
    "bounce_report_get_kind": (_i, [_p]),
    "bounce_report_get_mta": (_s, [_p]),
    "bounce_report_get_reporting_mta": (_s, [_p]),
    "bounce_report_get_arrival_date": (_s, [_p]),
    "bounce_report_get_recipient_count": (_z, [_p]),
    "bounce_report_get_recipient": (_p, [_p, _z]),
    "bounce_report_get_original_message_id": (_s, [_p]),
    "bounce_report_get_original_from": (_s, [_p]),
    "bounce_report_get_original_to": (_s, [_p]),
    "bounce_report_get_original_subject": (_s, [_p]),
    "bounce_report_get_original_date": (_s, [_p]),
    "bounce_report_get_original_header": (_s, [_p, _s]),
    "bounce_report_is_truncated": (_i, [_p]),
    "bounce_report_get_warning_count": (_z, [_p]),
    "bounce_report_get_warning": (_s, [_p, _z]),
    "bounce_recipient_get_address": (_s, [_p]),
    "bounce_recipient_get_original_recipient": (_s, [_p]),
    "bounce_recipient_get_action": (_s, [_p]),
    "bounce_recipient_get_status": (_s, [_p]),
    "bounce_recipient_get_reply_code": (_i, [_p]),
    "bounce_recipient_get_cause": (_i, [_p]),
    "bounce_recipient_is_hard": (_i, [_p]),
    "bounce_recipient_is_permanent": (_i, [_p]),
    "bounce_recipient_get_smtp_command": (_s, [_p]),
    "bounce_recipient_get_remote_mta": (_s, [_p]),
    "bounce_recipient_get_diagnostic": (_s, [_p]),
    "bounce_recipient_get_last_attempt_date": (_s, [_p]),
    "bounce_recipient_get_will_retry_until": (_s, [_p]),
    "bounce_recipient_get_feedback_type": (_s, [_p]),
    "bounce_recipient_get_source": (_i, [_p, _i]),
    "bounce_source_to_string": (_s, [_i]),
}


class _C:
    """The C functions, with their types, as attributes without `bounce_`."""


for _name, (_res, _args) in _PROTOS.items():
    _fn = getattr(_lib, _name)
    _fn.restype = _res
    _fn.argtypes = _args
    setattr(_C, _name[len("bounce_"):], staticmethod(_fn))


def _str(b: Optional[bytes]) -> str:
    return b.decode("utf-8", "replace") if b else ""


def _path(p: Union[str, bytes, os.PathLike]) -> bytes:
    return os.fsencode(p)


class Error(Exception):
    """A libbounce error: .code (a bounce_error_code number), .message."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _raise(err: ctypes.c_void_p, fallback: str = "libbounce failed"):
    if err.value:
        code, message = _C.error_get_code(err), _str(_C.error_get_message(err))
        _C.error_free(err)
        raise Error(code, message)
    raise Error(ERROR_ARGUMENT, fallback)


class Options:
    """Parse options: limits, which kinds to report, extra original headers.

    Options(limits={LIMIT_RECIPIENTS: 100}, include=INCLUDE_ALL,
            headers=["X-Campaign-ID"])
    """

    def __init__(self, limits: Optional[Dict[int, int]] = None,
                 include: Optional[int] = None, headers: Optional[List[str]] = None):
        self._ptr = _C.options_new()
        self.headers: List[str] = []
        for which, value in (limits or {}).items():
            self.set_limit(which, value)
        if include is not None:
            _C.options_set_include(self._ptr, include)
        for h in headers or []:
            self.add_original_header(h)

    def set_limit(self, which: int, value: int):
        if _C.options_set_limit(self._ptr, which, value) != 0:
            raise ValueError(f"not a limit: {which}")

    def get_limit(self, which: int) -> int:
        return _C.options_get_limit(self._ptr, which)

    @property
    def include(self) -> int:
        return _C.options_get_include(self._ptr)

    @include.setter
    def include(self, flags: int):
        _C.options_set_include(self._ptr, flags)

    def add_original_header(self, name: str):
        if _C.options_add_original_header(self._ptr, name.encode()) != 0:
            raise ValueError("empty header name")
        if name not in self.headers:
            self.headers.append(name)

    def __del__(self):
        ptr, self._ptr = getattr(self, "_ptr", None), None
        if ptr and _C is not None:
            _C.options_free(ptr)


def _opts(options: Optional[Options]):
    return options._ptr if options is not None else None


@dataclass
class Recipient:
    """One recipient of a report; the fields are bounceparse's JSON fields."""
    address: str = ""
    original_recipient: str = ""
    action: str = ""
    status: str = ""
    reply_code: int = 0
    reason: str = ""
    hard: bool = False
    permanent: bool = False
    smtp_command: str = ""
    remote_mta: str = ""
    diagnostic: str = ""
    last_attempt_date: str = ""
    will_retry_until: str = ""
    feedback_type: str = ""
    sources: Dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        d = {k: getattr(self, k) for k in (
            "address", "original_recipient", "action", "status", "reply_code", "reason",
            "hard", "permanent", "smtp_command", "remote_mta", "diagnostic",
            "last_attempt_date", "feedback_type")}
        d["sources"] = dict(self.sources)
        return d


@dataclass
class Report:
    """What a parse returns, copied out of the library."""
    kind: str = "none"
    mta: str = ""
    reporting_mta: str = ""
    arrival_date: str = ""
    recipients: List[Recipient] = field(default_factory=list)
    original: Dict[str, str] = field(default_factory=dict)
    truncated: bool = False
    warnings: List[str] = field(default_factory=list)

    def to_json(self, file: str = "", index: int = 0) -> dict:
        """The object `bounceparse --json` prints for this report."""
        return {"file": file, "index": index, "kind": self.kind, "mta": self.mta,
                "reporting_mta": self.reporting_mta,
                "recipients": [r.to_json() for r in self.recipients],
                "original": dict(self.original), "truncated": self.truncated,
                "warnings": list(self.warnings)}


def _recipient(rc) -> Recipient:
    r = Recipient(
        address=_str(_C.recipient_get_address(rc)),
        original_recipient=_str(_C.recipient_get_original_recipient(rc)),
        action=_str(_C.recipient_get_action(rc)),
        status=_str(_C.recipient_get_status(rc)),
        reply_code=_C.recipient_get_reply_code(rc),
        reason=_str(_C.cause_to_string(_C.recipient_get_cause(rc))),
        hard=bool(_C.recipient_is_hard(rc)),
        permanent=bool(_C.recipient_is_permanent(rc)),
        smtp_command=_str(_C.recipient_get_smtp_command(rc)),
        remote_mta=_str(_C.recipient_get_remote_mta(rc)),
        diagnostic=_str(_C.recipient_get_diagnostic(rc)),
        last_attempt_date=_str(_C.recipient_get_last_attempt_date(rc)),
        will_retry_until=_str(_C.recipient_get_will_retry_until(rc)),
        feedback_type=_str(_C.recipient_get_feedback_type(rc)),
    )
    for name, f in _FIELDS:
        source = _C.recipient_get_source(rc, f)
        if source:
            r.sources[name] = _str(_C.source_to_string(source))
    return r


def _report(ptr, options: Optional[Options]) -> Report:
    """Copies a C report into a Report and frees it."""
    try:
        rep = Report(
            kind=_str(_C.kind_to_string(_C.report_get_kind(ptr))),
            mta=_str(_C.report_get_mta(ptr)),
            reporting_mta=_str(_C.report_get_reporting_mta(ptr)),
            arrival_date=_str(_C.report_get_arrival_date(ptr)),
            truncated=bool(_C.report_is_truncated(ptr)),
        )
        for i in range(_C.report_get_recipient_count(ptr)):
            rep.recipients.append(_recipient(_C.report_get_recipient(ptr, i)))
        rep.original = {
            "message_id": _str(_C.report_get_original_message_id(ptr)),
            "from": _str(_C.report_get_original_from(ptr)),
            "to": _str(_C.report_get_original_to(ptr)),
            "subject": _str(_C.report_get_original_subject(ptr)),
            "date": _str(_C.report_get_original_date(ptr)),
        }
        for h in (options.headers if options is not None else []):
            rep.original[h] = _str(_C.report_get_original_header(ptr, h.encode()))
        rep.warnings = [_str(_C.report_get_warning(ptr, i))
                        for i in range(_C.report_get_warning_count(ptr))]
        return rep
    finally:
        _C.report_free(ptr)


def parse_bytes(data: bytes, options: Optional[Options] = None) -> Report:
    """Reads one message from bytes. Raises Error (empty, too large, ...)."""
    err = ctypes.c_void_p()
    ptr = _C.parse_bytes(data, len(data), _opts(options), ctypes.byref(err))
    if not ptr:
        _raise(err)
    return _report(ptr, options)


def parse_file(path, options: Optional[Options] = None) -> Report:
    """Reads the one message in the file at path. Raises Error."""
    err = ctypes.c_void_p()
    ptr = _C.parse_file(_path(path), _opts(options), ctypes.byref(err))
    if not ptr:
        _raise(err)
    return _report(ptr, options)


def parse_fd(fd: int, options: Optional[Options] = None) -> Report:
    """Reads one message from a file descriptor to its end (not closed)."""
    err = ctypes.c_void_p()
    ptr = _C.parse_fd(fd, _opts(options), ctypes.byref(err))
    if not ptr:
        _raise(err)
    return _report(ptr, options)


def read_mbox(source: Union[int, bytes], options: Optional[Options] = None
              ) -> Iterator[Union[Report, Error]]:
    """Yields each message of an mbox, given as an open descriptor (read from
    its position, not closed) or as bytes: a Report, or an Error for a
    message that could not be read (the next ones are still read, except
    after a read error)."""
    err = ctypes.c_void_p()
    if isinstance(source, int):
        mb = _C.mbox_open_fd(source, _opts(options), ctypes.byref(err))
        keep = None
    else:
        keep = bytes(source)  # the library reads these bytes until mbox_free
        mb = _C.mbox_open_bytes(keep, len(keep), _opts(options), ctypes.byref(err))
    if not mb:
        _raise(err)
    try:
        while True:
            rep = ctypes.c_void_p()
            err = ctypes.c_void_p()
            rc = _C.mbox_next(mb, ctypes.byref(rep), ctypes.byref(err))
            if rc == 0:
                return
            if rc > 0:
                yield _report(rep, options)
                continue
            code = _C.error_get_code(err)
            e = Error(code, _str(_C.error_get_message(err)))
            _C.error_free(err)
            yield e
            if code == ERROR_IO:
                return
    finally:
        _C.mbox_free(mb)
        del keep


# ---- inputs as bounceparse reads them ----

def _run_fd(name: str, fd: int, options: Optional[Options]):
    seekable = True
    try:
        head = os.pread(fd, 5, 0)
    except OSError:
        seekable = False
    if seekable:
        if head == b"From ":
            for i, item in enumerate(read_mbox(fd, options)):
                yield name, i, item
            return
        try:
            yield name, 0, parse_fd(fd, options)
        except Error as e:
            yield name, 0, e
        return
    # A pipe: read it whole (up to the size limit), then as bounceparse does.
    limit = options.get_limit(LIMIT_MESSAGE_SIZE) if options else \
        _C.options_get_limit(None, LIMIT_MESSAGE_SIZE)
    chunks, size = [], 0
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            yield name, 0, Error(ERROR_TOO_LARGE, f"the message is over the size limit of "
                                                   f"{limit} bytes")
            return
        chunks.append(chunk)
    data = b"".join(chunks)
    if data.startswith(b"From "):
        for i, item in enumerate(read_mbox(data, options)):
            yield name, i, item
    else:
        try:
            yield name, 0, parse_bytes(data, options)
        except Error as e:
            yield name, 0, e


def _run_folder(folder: str, options):
    try:
        names = sorted(os.fsencode(n) for n in os.listdir(folder))
    except OSError as e:
        yield folder, 0, Error(ERROR_IO, f"{folder}: {e.strerror}")
        return
    for n in names:
        if not n.startswith(b"."):
            yield from _run_path(os.path.join(folder, os.fsdecode(n)), options, top=False)


def _run_path(path: str, options, top=True):
    if path == "-":
        yield from _run_fd("-", sys.stdin.fileno(), options)
        return
    try:
        st = os.stat(path)
    except OSError as e:
        yield path, 0, Error(ERROR_IO, f"{path}: {e.strerror}")
        return
    if stat.S_ISDIR(st.st_mode):
        if not top:
            return  # one level: a folder's folders are not read
        new, cur = os.path.join(path, "new"), os.path.join(path, "cur")
        if os.path.isdir(new) or os.path.isdir(cur):
            for sub in (new, cur):
                if os.path.isdir(sub):
                    yield from _run_folder(sub, options)
        else:
            yield from _run_folder(path, options)
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError as e:
        yield path, 0, Error(ERROR_IO, f"{path}: {e.strerror}")
        return
    try:
        yield from _run_fd(path, fd, options)
    finally:
        os.close(fd)


def parse_path(path: str, options: Optional[Options] = None,
               errors: Optional[list] = None) -> Iterator[dict]:
    """Reads what bounceparse reads (a message file, an mbox, a Maildir, a
    folder, or "-" for standard input) and yields, for each message, the
    object `bounceparse --json` prints for it. Messages that cannot be read
    are appended to errors as (path, index, Error) when a list is given."""
    for name, index, item in _run_path(path, options):
        if isinstance(item, Error):
            if errors is not None:
                errors.append((name, index, item))
            continue
        yield item.to_json(name, index)


# ---- names and descriptions ----

def version() -> str:
    """The version of the loaded C library, e.g. "0.1.0"."""
    return _str(_C.version_string())


def status_describe(status: str) -> Optional[str]:
    """The meaning of an RFC 3463 status such as "5.1.1", or None."""
    d = _C.status_describe(status.encode())
    return _str(d) if d is not None else None


def reply_code_describe(code: int) -> Optional[str]:
    """The meaning of an RFC 5321 reply code such as 550, or None."""
    d = _C.reply_code_describe(code)
    return _str(d) if d is not None else None


def cause_describe(reason: str) -> str:
    """One line saying what a cause ("userunknown", ...) means; "" if unknown."""
    c = _C.cause_from_string(reason.encode())
    return _str(_C.cause_describe(c)) if c >= 0 else ""


def main(argv=None) -> int:
    """python3 -m libbounce [--header NAME]... [--json] FILE|DIR|-...: prints
    bounceparse's JSON Lines (the only output this module has)."""
    args = list(sys.argv[1:] if argv is None else argv)
    options = Options()
    inputs = []
    while args:
        a = args.pop(0)
        if a == "--json":
            continue
        if a == "--header" and args:
            options.add_original_header(args.pop(0))
        elif a == "--":
            inputs += args
            break
        elif a.startswith("-") and a != "-":
            print(f"usage: python3 -m libbounce [--json] [--header NAME]... FILE|DIR|-...",
                  file=sys.stderr)
            return 2
        else:
            inputs.append(a)
    if not inputs:
        print("usage: python3 -m libbounce [--json] [--header NAME]... FILE|DIR|-...",
              file=sys.stderr)
        return 2
    errors: list = []
    for path in inputs:
        for obj in parse_path(path, options, errors):
            sys.stdout.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    for name, index, e in errors:
        print(f"libbounce: {name}: {e.message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
