#!/usr/bin/env python3
"""bounceparse, end to end: arguments, inputs, outputs, exit status."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BIN = None
DATA = os.environ.get("BOUNCE_TEST_DATA", os.path.join(os.path.dirname(__file__), "data"))


def run(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)


def data(name):
    return os.path.join(DATA, name)


class Cli(unittest.TestCase):
    def test_help_version_usage(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn(b"usage: bounceparse", r.stdout)
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout.decode(), r"^bounceparse \d+\.\d+\.\d+\n$")
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("--bogus", data("postfix-userunknown.eml")).returncode, 2)

    def test_json_line(self):
        r = run("--json", data("postfix-userunknown.eml"))
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.decode().splitlines()
        self.assertEqual(len(lines), 1)
        d = json.loads(lines[0])
        self.assertEqual(d["file"], data("postfix-userunknown.eml"))
        self.assertEqual(d["index"], 0)
        self.assertEqual(d["kind"], "failure")
        self.assertEqual(d["mta"], "postfix")
        rc = d["recipients"][0]
        for key in ("address", "original_recipient", "action", "status", "reply_code", "reason",
                    "hard", "permanent", "smtp_command", "remote_mta", "diagnostic"):
            self.assertIn(key, rc)
        self.assertEqual(rc["reason"], "userunknown")
        self.assertIs(rc["hard"], True)
        self.assertIn("message_id", d["original"])

    def test_sentence(self):
        r = run(data("postfix-userunknown.eml"))
        out = r.stdout.decode()
        self.assertIn("hard bounce", out)
        self.assertIn("remove this address", out)

    def test_sentence_delay(self):
        # a warning: the sending server is still trying
        out = run(data("exim-warning.eml")).stdout.decode()
        self.assertIn("keeps trying", out)
        # a queue that ran out: the message came back for good
        out = run(data("mail-system-error-queue-period.eml")).stdout.decode()
        self.assertIn("given up", out)
        self.assertNotIn("keeps trying", out)

    def test_missing_file_keeps_going(self):
        r = run("--json", "/nonexistent.eml", data("postfix-userunknown.eml"))
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"/nonexistent.eml", r.stderr)
        self.assertEqual(len(r.stdout.decode().splitlines()), 1)

    def test_stdin(self):
        with open(data("postfix-userunknown.eml"), "rb") as f:
            r = run("--json", "-", stdin=f.read())
        self.assertEqual(r.returncode, 0)
        self.assertEqual(json.loads(r.stdout)["file"], "-")

    def test_mbox_and_maildir(self):
        tmp = tempfile.mkdtemp()
        try:
            names = ["postfix-userunknown.eml", "rfc3464-delivered.eml", "not-a-bounce.eml"]
            mbox = os.path.join(tmp, "box")
            with open(mbox, "wb") as out:
                for n in names:
                    out.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n")
                    out.write(open(data(n), "rb").read().replace(b"\r\n", b"\n"))
                    out.write(b"\n")
            r = run("--json", mbox)
            self.assertEqual(r.returncode, 0, r.stderr)
            got = [json.loads(x) for x in r.stdout.decode().splitlines()]
            self.assertEqual([g["index"] for g in got], [0, 1, 2])
            self.assertEqual([g["kind"] for g in got], ["failure", "delivered", "none"])
            md = os.path.join(tmp, "Maildir")
            for sub in ("cur", "new", "tmp"):
                os.makedirs(os.path.join(md, sub))
            shutil.copy(data(names[0]), os.path.join(md, "new", "1.eml"))
            shutil.copy(data(names[1]), os.path.join(md, "cur", "2.eml"))
            open(os.path.join(md, "cur", "3.eml"), "w").close()  # empty: an error
            r = run("--json", md)
            self.assertEqual(r.returncode, 1)
            got = [json.loads(x) for x in r.stdout.decode().splitlines()]
            self.assertEqual([g["kind"] for g in got], ["failure", "delivered"])
            self.assertIn(b"3.eml", r.stderr)
        finally:
            shutil.rmtree(tmp)

    def test_jobs_same_output_in_order(self):
        """-j N analyses in threads; the output is what one thread gives."""
        tmp = tempfile.mkdtemp()
        try:
            names = sorted(n for n in os.listdir(DATA) if n.endswith(".eml"))
            self.assertGreater(len(names), 5)
            mbox = os.path.join(tmp, "box")
            with open(mbox, "wb") as out:
                for k in range(4):  # many messages, so that threads overtake each other
                    for n in names:
                        out.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n")
                        body = open(data(n), "rb").read().replace(b"\r\n", b"\n")
                        out.write(body.replace(b"\nFrom ", b"\n>From "))
                        out.write(b"\n")
                    out.write(b"From nobody Thu Jan  1 00:00:00 2024\n\n")  # empty: an error
            files = [data(n) for n in names]
            for args in (["--json", mbox], ["--json", "--header", "X-Campaign-Id"] + files,
                         [mbox, "/nonexistent.eml"] + files):
                one = run(*args)
                for j in ("2", "5"):
                    many = run("-j", j, *args)
                    self.assertEqual(many.returncode, one.returncode)
                    self.assertEqual(many.stdout, one.stdout, args)
                    self.assertEqual(many.stderr, one.stderr, args)
                self.assertEqual(run("-j3", *args).stdout, one.stdout)
                self.assertEqual(run("--jobs=4", *args).stdout, one.stdout)
            got = [json.loads(x) for x in run("--json", "-j", "3", mbox).stdout.splitlines()]
            self.assertEqual([g["index"] for g in got][:len(names)], list(range(len(names))))
            # an mbox on a pipe is read as it comes, threads or not
            with open(mbox, "rb") as f:
                piped = run("--json", "-j", "2", "-", stdin=f.read())
            self.assertEqual(piped.stdout.replace(b'"file":"-"', b'"file":"%s"' % mbox.encode()),
                             run("--json", mbox).stdout)
        finally:
            shutil.rmtree(tmp)

    def test_mbox_line_ends(self):
        """An mbox splits the same with LF, CRLF and old Mac lone-CR line
        ends, from a file or a pipe."""
        tmp = tempfile.mkdtemp()
        try:
            names = ["postfix-userunknown.eml", "rfc3464-delivered.eml"]
            lf = b""
            for n in names:
                lf += b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n"
                lf += open(data(n), "rb").read().replace(b"\r\n", b"\n") + b"\n"
            for eol in (b"\n", b"\r\n", b"\r"):
                box = os.path.join(tmp, "box")
                with open(box, "wb") as out:
                    out.write(lf.replace(b"\n", eol))
                with open(box, "rb") as f:
                    piped = run("--json", "-", stdin=f.read())
                for r in (run("--json", box), piped):
                    self.assertEqual(r.returncode, 0, r.stderr)
                    got = [json.loads(x) for x in r.stdout.decode().splitlines()]
                    self.assertEqual([(g["index"], g["kind"]) for g in got],
                                     [(0, "failure"), (1, "delivered")], eol)
                    self.assertEqual(got[0]["recipients"][0]["address"], "tama@example.org")
        finally:
            shutil.rmtree(tmp)

    def test_jobs_usage(self):
        for bad in (["-j"], ["-j", "0"], ["-j", "x"], ["--jobs=999"], ["-j-1"]):
            r = run(*bad, data("postfix-userunknown.eml"))
            self.assertEqual(r.returncode, 2, bad)
            self.assertIn(b"-j", r.stderr)

    def test_bad_messages_keep_going(self):
        """A bad message in an mbox or Maildir is reported on stderr with its
        file and index, and every good one before and after it is read."""
        sep = b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n"
        good = open(data("postfix-userunknown.eml"), "rb").read().replace(b"\r\n", b"\n")
        deep = b"From: a@example.com\nContent-Type: multipart/mixed; boundary=b0\n\n"
        for i in range(1, 200):
            deep += b"--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n" % (i - 1, i)
        empty = b"\n\n"
        garbage = bytes(range(256)) * 8
        msgs = [good, empty, good, deep, garbage, good, deep]
        tmp = tempfile.mkdtemp()
        try:
            box = os.path.join(tmp, "box")
            with open(box, "wb") as out:
                for m in msgs:
                    out.write(sep + m + b"\n")
            for args, stdin in (((box,), None), (("-",), open(box, "rb").read())):
                r = run("--json", *args, stdin=stdin)
                self.assertEqual(r.returncode, 1, r.stderr)
                got = [json.loads(x) for x in r.stdout.decode().splitlines()]
                name = args[0]
                self.assertTrue(all(g["file"] == name for g in got))
                ok = {g["index"]: g for g in got}
                for i in (0, 2, 5):
                    self.assertEqual(ok[i]["kind"], "failure")
                    self.assertEqual(ok[i]["recipients"][0]["address"], "tama@example.org")
                err = r.stderr.decode()
                for i in (1, 3, 6):
                    self.assertNotIn(i, ok)
                    self.assertIn("%s #%d: " % (name, i), err)
                self.assertIn("#3: MIME parts nest deeper", err)
                # every message is either printed or reported, once
                self.assertEqual(len(got) + len(err.splitlines()), len(msgs))
            md = os.path.join(tmp, "Maildir")
            for sub in ("cur", "new", "tmp"):
                os.makedirs(os.path.join(md, sub))
            for i, m in enumerate(msgs):
                with open(os.path.join(md, "cur", "%d.eml" % i), "wb") as f:
                    f.write(m)
            r = run("--json", md)
            self.assertEqual(r.returncode, 1)
            got = [json.loads(x) for x in r.stdout.decode().splitlines()]
            files = sorted(os.path.basename(g["file"]) for g in got if g["kind"] == "failure")
            self.assertEqual(files, ["0.eml", "2.eml", "5.eml"])
            err = r.stderr.decode()
            for i in (1, 3, 6):
                self.assertIn(os.path.join(md, "cur", "%d.eml #0: " % i), err)
        finally:
            shutil.rmtree(tmp)

    def test_header_option(self):
        r = run("--json", "--header", "X-Campaign-Id", data("postfix-userunknown.eml"))
        d = json.loads(r.stdout)
        self.assertEqual(d["original"]["X-Campaign-Id"], "cmp-2024-05")


if __name__ == "__main__":
    BIN = sys.argv.pop(1)
    unittest.main(verbosity=1)
