#!/usr/bin/env python3
"""Fills fuzz/corpus/extract/ with seeds: every tests/fixtures/*.html page and every 8th page of
the XSS corpus (tests/xss/payloads.json), each behind a first byte that picks the target's
options (see fuzz_targets/extract.rs). Run from anywhere: python3 fuzz/seed.py"""

import json
import os

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
out = os.path.join(here, "corpus", "extract")
os.makedirs(out, exist_ok=True)
n = 0
fixtures = os.path.join(root, "tests", "fixtures")
for i, name in enumerate(sorted(os.listdir(fixtures))):
    if name.endswith(".html"):
        with open(os.path.join(fixtures, name), "rb") as f:
            page = f.read()
        flags = bytes([(i % 4) << 2])  # no forced encoding, each kind of page URL
        with open(os.path.join(out, "fixture-" + name), "wb") as f:
            f.write(flags + page)
        n += 1
with open(os.path.join(root, "tests", "xss", "payloads.json"), encoding="utf-8") as f:
    corpus = json.load(f)
for p in corpus["payloads"][::8]:
    page = corpus["template"]
    slot = "{{" + {"block": "BLOCK", "inline": "INLINE", "junk": "JUNK", "head": "HEAD"}[p["where"]] + "}}"
    page = page.replace(slot, p["html"].replace("$XSS", "__xss(%d)" % p["id"]))
    for s in ["{{BLOCK}}", "{{INLINE}}", "{{JUNK}}", "{{HEAD}}"]:
        page = page.replace(s, "")
    with open(os.path.join(out, "xss-%03d.html" % p["id"]), "wb") as f:
        f.write(b"\x04" + page.encode("utf-8"))
    n += 1
print(f"{n} seeds in {out}")
