#!/usr/bin/env python3
"""Tests of the Python binding: the same values as `bounceparse --json`.

Run by meson test (LIBBOUNCE_LIBRARY, BOUNCEPARSE and BOUNCE_TEST_DATA set),
or by hand from a source tree with a build in build/:
    python3 bindings/python/test_libbounce.py
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import libbounce  # noqa: E402

DATA = os.environ.get("BOUNCE_TEST_DATA", os.path.join(ROOT, "tests", "data"))
BOUNCEPARSE = os.environ.get("BOUNCEPARSE", os.path.join(ROOT, "build", "tools", "bounceparse"))


def data(name):
    return os.path.join(DATA, name)


def bounceparse_json(*args):
    out = subprocess.run([BOUNCEPARSE, "--json", *args], stdout=subprocess.PIPE, text=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


def binding_json(path, options=None):
    return list(libbounce.parse_path(path, options or libbounce.Options()))


class SameAsBounceparse(unittest.TestCase):
    def test_every_test_message(self):
        files = sorted(glob.glob(data("*.eml")))
        self.assertGreater(len(files), 5)
        expected = bounceparse_json(*files)
        got = [obj for f in files for obj in binding_json(f)]
        self.assertEqual(len(got), len(files))
        for e, g in zip(expected, got):
            self.assertEqual(g, e, e["file"])

    def test_header_option(self):
        f = data("postfix-userunknown.eml")
        expected = bounceparse_json("--header", "X-Mailer", "--header", "Message-ID", f)
        got = binding_json(f, libbounce.Options(headers=["X-Mailer", "Message-ID"]))
        self.assertEqual(got, expected)
        self.assertIn("X-Mailer", got[0]["original"])

    def test_mbox_maildir_and_folder(self):
        files = sorted(glob.glob(data("*.eml")))[:6]
        with tempfile.TemporaryDirectory() as tmp:
            mbox = os.path.join(tmp, "bounces.mbox")
            with open(mbox, "wb") as out:
                for f in files:
                    with open(f, "rb") as m:
                        body = m.read().replace(b"\r\n", b"\n")
                    out.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n" + body + b"\n")
            maildir = os.path.join(tmp, "Maildir")
            for sub in ("new", "cur", "tmp"):
                os.makedirs(os.path.join(maildir, sub))
            for i, f in enumerate(files):
                shutil.copy(f, os.path.join(maildir, "new" if i % 2 else "cur", f"{i}.eml"))
            for path in (mbox, maildir, os.path.join(maildir, "cur")):
                with self.subTest(path=path):
                    expected = bounceparse_json(path)
                    self.assertEqual(binding_json(path), expected)
            self.assertEqual([o["index"] for o in binding_json(mbox)], list(range(len(files))))

    def test_mbox_iterator(self):
        with open(data("postfix-userunknown.eml"), "rb") as f:
            one = f.read().replace(b"\r\n", b"\n")
        mbox = b"From a@b Mon Jan  1 00:00:00 2024\n" + one + b"\nFrom a@b Mon Jan  1 00:00:00 2024\n" + one
        reports = list(libbounce.read_mbox(mbox))
        self.assertEqual(len(reports), 2)
        self.assertEqual([r.recipients[0].address for r in reports], ["tama@example.org"] * 2)
        # Over the size limit: an error for that message, and the next is read.
        small = libbounce.Options(limits={libbounce.LIMIT_MESSAGE_SIZE: 200})
        items = list(libbounce.read_mbox(mbox, small))
        self.assertEqual(len(items), 2)
        self.assertTrue(all(isinstance(i, libbounce.Error) for i in items))
        self.assertEqual(items[0].code, libbounce.ERROR_TOO_LARGE)


class Api(unittest.TestCase):
    def test_version(self):
        out = subprocess.run([BOUNCEPARSE, "--version"], stdout=subprocess.PIPE, text=True)
        self.assertEqual(out.stdout.split()[-1], libbounce.version())

    def test_report_fields(self):
        r = libbounce.parse_file(data("postfix-userunknown.eml"))
        self.assertEqual(r.kind, "failure")
        self.assertEqual(r.mta, "postfix")
        rc = r.recipients[0]
        self.assertEqual((rc.address, rc.status, rc.reply_code, rc.reason, rc.hard),
                         ("tama@example.org", "5.1.1", 550, "userunknown", True))
        self.assertEqual(rc.sources["status"], "field")
        with open(data("postfix-userunknown.eml"), "rb") as f:
            raw = f.read()
        self.assertEqual(libbounce.parse_bytes(raw), r)
        fd = os.open(data("postfix-userunknown.eml"), os.O_RDONLY)
        try:
            self.assertEqual(libbounce.parse_fd(fd), r)
        finally:
            os.close(fd)

    def test_not_a_bounce(self):
        r = libbounce.parse_bytes(b"From: a@example.com\nSubject: hi\n\nlunch?\n")
        self.assertEqual((r.kind, r.mta, r.recipients), ("none", "", []))

    def test_errors(self):
        with self.assertRaises(libbounce.Error) as e:
            libbounce.parse_bytes(b"")
        self.assertEqual(e.exception.code, libbounce.ERROR_EMPTY)
        self.assertTrue(e.exception.message)
        with self.assertRaises(libbounce.Error) as e:
            libbounce.parse_file("/nonexistent/bounce.eml")
        self.assertEqual(e.exception.code, libbounce.ERROR_IO)
        self.assertIn("/nonexistent/bounce.eml", e.exception.message)
        with self.assertRaises(libbounce.Error) as e:
            libbounce.parse_fd(-1)
        self.assertEqual(e.exception.code, libbounce.ERROR_ARGUMENT)
        errors = []
        self.assertEqual(list(libbounce.parse_path("/nonexistent", errors=errors)), [])
        self.assertEqual(errors[0][2].code, libbounce.ERROR_IO)

    def test_options(self):
        o = libbounce.Options()
        self.assertEqual(o.get_limit(libbounce.LIMIT_MIME_DEPTH), 32)
        o.set_limit(libbounce.LIMIT_MIME_DEPTH, 4)
        self.assertEqual(o.get_limit(libbounce.LIMIT_MIME_DEPTH), 4)
        with self.assertRaises(ValueError):
            o.set_limit(99, 1)
        self.assertEqual(o.include, libbounce.INCLUDE_ALL)
        o.include = 0
        r = libbounce.parse_file(data("autoreply-vacation.eml"), o)
        self.assertEqual(r.kind, "none")
        r = libbounce.parse_file(data("autoreply-vacation.eml"))
        self.assertEqual(r.kind, "autoreply")

    def test_descriptions(self):
        self.assertEqual(libbounce.status_describe("5.1.1"), "Bad destination mailbox address")
        self.assertIsNone(libbounce.status_describe("9.9.9"))
        self.assertIsNone(libbounce.reply_code_describe(999))
        self.assertTrue(libbounce.reply_code_describe(550))
        self.assertTrue(libbounce.cause_describe("mailboxfull"))
        self.assertEqual(libbounce.cause_describe("nonsense"), "")

    def test_threads(self):
        files = sorted(glob.glob(data("*.eml")))
        expected = [libbounce.parse_file(f) for f in files]
        results = {}

        def work(n):
            results[n] = [[libbounce.parse_file(f) for f in files] for _ in range(5)]

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for n in range(4):
            for run in results[n]:
                self.assertEqual(run, expected)

    def test_module_cli(self):
        f = data("postfix-userunknown.eml")
        env = dict(os.environ, PYTHONPATH=HERE)
        out = subprocess.run([sys.executable, "-m", "libbounce", "--json", f],
                             stdout=subprocess.PIPE, text=True, env=env)
        self.assertEqual(out.returncode, 0)
        self.assertEqual([json.loads(l) for l in out.stdout.splitlines()], bounceparse_json(f))

    def test_library_lookup(self):
        # LIBBOUNCE_LIBRARY names the library; a wrong one is a clear ImportError.
        env = dict(os.environ, PYTHONPATH=HERE, LIBBOUNCE_LIBRARY="/nonexistent/libbounce.so.0")
        out = subprocess.run([sys.executable, "-c", "import libbounce"], stderr=subprocess.PIPE,
                             text=True, env=env)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("LIBBOUNCE_LIBRARY", out.stderr)
        env["LIBBOUNCE_LIBRARY"] = os.path.dirname(libbounce.library_path)
        out = subprocess.run([sys.executable, "-c", "import libbounce; print(libbounce.library_path)"],
                             stdout=subprocess.PIPE, text=True, env=env)
        self.assertEqual(out.returncode, 0)
        self.assertEqual(os.path.realpath(out.stdout.strip()),
                         os.path.realpath(libbounce.library_path))


if __name__ == "__main__":
    unittest.main(verbosity=2)
