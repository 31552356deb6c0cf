#!/usr/bin/env python3
"""Metadata agreement with Firefox Reader View on the readability corpus.

  scripts/metadata-agreement.py [CORPUS] [--cli target/release/klartext]

Runs `klartext extract --format json` and `klartext check` over CORPUS/html/*.html and
compares with CORPUS/metadata/<id>.json: title (whitespace-normalised) on every page; byline,
excerpt, siteName, lang, dir and publishedTime on the pages where the expected value is not
null; the readerable verdict on every page. Prints one row per field and the misses.
"""
import json
import subprocess
import sys
from pathlib import Path

args = sys.argv[1:]
cli = "target/release/klartext"
if "--cli" in args:
    i = args.index("--cli")
    cli = args[i + 1]
    del args[i : i + 2]
args = [a for a in args if not a.startswith("-")]
corpus = Path(args[0] if args else "../shared/corpus/readability")
pages = sorted((corpus / "html").glob("*.html"))


def run(cmd):
    out = subprocess.run([cli] + cmd + [str(p) for p in pages], capture_output=True, text=True).stdout
    return {Path(o["file"]).stem: o for o in map(json.loads, out.splitlines())}


articles = run(["extract", "--format", "json"])
checks = run(["check"])
norm = lambda s: " ".join(str(s).split()) if s is not None else None
fields = ["title", "byline", "excerpt", "siteName", "lang", "dir", "publishedTime"]
rows = []
for field in fields + ["readerable"]:
    total = agree = 0
    misses = []
    for page in pages:
        pid = page.stem
        expected = json.loads((corpus / "metadata" / f"{pid}.json").read_text())
        want = expected.get(field)
        if field not in ("title", "readerable") and want is None:
            continue
        if field == "readerable":
            got = checks.get(pid, {}).get("readerable")
        else:
            got = articles.get(pid, {}).get(field)
        total += 1
        if norm(got) == norm(want):
            agree += 1
        else:
            misses.append(f"{pid}: got {norm(got)!r:.80} want {norm(want)!r:.80}")
    rows.append((field, agree, total, misses))

print(f"{'field':<15}{'equal':>7}{'of':>6}{'share':>9}")
for field, agree, total, _ in rows:
    print(f"{field:<15}{agree:>7}{total:>6}{(agree / total if total else 1):>9.1%}")
if "-v" in sys.argv or "--misses" in sys.argv:
    for field, _, _, misses in rows:
        for m in misses:
            print(f"  [{field}] {m}")
