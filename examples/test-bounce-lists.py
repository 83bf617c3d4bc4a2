#!/usr/bin/env python3
"""bounce-lists on a Maildir made of test messages: its two lists are the
hard and soft failures `bounceparse --json` finds in the same Maildir.

usage: test-bounce-lists.py BOUNCE_LISTS BOUNCEPARSE DATA_DIR
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIPPED_ACTIONS = ("delivered", "relayed", "expanded")


def expected(bounceparse, maildir):
    out = subprocess.run([bounceparse, "--json", maildir], stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    hard, soft = set(), set()
    for line in out.splitlines():
        report = json.loads(line)
        if report["kind"] not in ("failure", "delay"):
            continue
        for rc in report["recipients"]:
            if rc["address"] and rc["action"] not in SKIPPED_ACTIONS:
                (hard if rc["hard"] else soft).add(rc["address"])
    return sorted(hard), sorted(soft - hard)


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def main():
    tool, bounceparse, data = sys.argv[1:4]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        maildir = os.path.join(tmp, "Maildir")
        for sub in ("new", "cur", "tmp"):
            os.makedirs(os.path.join(maildir, sub))
        for i, path in enumerate(sorted(glob.glob(os.path.join(data, "*.eml")))):
            name = f"{1700000000 + i}.M{i}P1.example"
            if i % 2:
                shutil.copy(path, os.path.join(maildir, "new", name))
            else:
                shutil.copy(path, os.path.join(maildir, "cur", name + ":2,S"))
        # A dot file is not a message of the Maildir: its address must not show.
        with open(os.path.join(data, "postfix-userunknown.eml"), encoding="utf-8") as f:
            hidden = f.read().replace("tama@example.org", "hidden@example.org")
        with open(os.path.join(maildir, "cur", ".hidden"), "w", encoding="utf-8") as f:
            f.write(hidden)

        suppress = os.path.join(tmp, "suppress.txt")
        retry = os.path.join(tmp, "retry.txt")
        r = subprocess.run([tool, maildir, suppress, retry], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        print(r.stdout + r.stderr, end="")
        if r.returncode != 0:
            failures.append(f"exit status {r.returncode}")
        else:
            hard, soft = expected(bounceparse, maildir)
            got_hard, got_soft = read_list(suppress), read_list(retry)
            if got_hard != hard:
                failures.append(f"suppression list {got_hard}, expected {hard}")
            if got_soft != soft:
                failures.append(f"retry list {got_soft}, expected {soft}")
            if not hard or not soft:
                failures.append("the test messages should give both hard and soft bounces")
            if "hidden@example.org" in got_hard + got_soft:
                failures.append("a dot file was read")
            print(f"suppress: {len(got_hard)} addresses, retry: {len(got_soft)}, "
                  f"as bounceparse --json says")

        if subprocess.run([tool], stderr=subprocess.DEVNULL).returncode != 2:
            failures.append("no arguments: exit status should be 2")
        r = subprocess.run([tool, tmp, suppress, retry], stderr=subprocess.DEVNULL)
        if r.returncode != 2:
            failures.append("a folder that is not a Maildir: exit status should be 2")

    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
