#!/usr/bin/env python3
"""Find every evidence quote in its source document and check its byte offsets.

usage:
  scripts/quote_offsets.py [--corpus DIR] [--fix] [--strict] ELECTION_DIR...
  scripts/quote_offsets.py [--corpus DIR] [--fix] [--strict] EVIDENCE_TOML DOCUMENTS_TOML

For each [[evidence]] item whose document has a `path`, the quote is searched (as UTF-8
bytes, exactly) in that file inside the corpus directory, and one line is printed:

  ID  FILE  start=S end=E  STATUS

STATUS is one of
  ok          the quote occurs at the recorded `location`
  found       the quote occurs, the item has no `location` (S/E are what to record)
  MISMATCH    the recorded `location` is not where the quote is
  AMBIGUOUS   the quote occurs more than once and no `location` picks one
  NOT FOUND   the quote is not in the file (a near match is shown when there is one)
  NO FILE     the document's file is missing from the corpus, or its sha256 differs
  OUTSIDE DOCUMENT  the file holds several documents (one statement each, found by title)
              and the quote occurs only in another document's part
  unchecked   the document has no `path` (an official sheet, a fictional document)

Warnings (not errors): a quote spanning a line break or holding more than one sentence.

--fix writes the found offsets into the evidence file (`location = { start = S, end = E }`,
replacing any existing one) for items that are `found` or `MISMATCH`.
--strict also counts `found` (a missing `location`) as an error.

Exit status: 0 when every checkable quote is found at a consistent location, 1 otherwise,
2 on bad usage or unreadable input. Standard library only (python 3.11+, tomllib).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tomllib
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "seeds"))

# A sentence boundary inside a quote: terminal punctuation, optional closing quote, space,
# then an upper-case letter or an opening quote.
SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")


def load_toml(path: str) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as err:
        print(f"quote_offsets: {path}: {err}", file=sys.stderr)
        raise SystemExit(2)


def normalise(text: str) -> str:
    """Fold the differences a copy-paste usually introduces: quotes, dashes, whitespace."""
    table = {
        "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'",
        "–": "-", "—": "-", "\u00a0": " ",
    }
    text = unicodedata.normalize("NFC", text)
    text = "".join(table.get(c, c) for c in text)
    return re.sub(r"\s+", " ", text).strip().lower()


def near_match(quote: str, text: str) -> str | None:
    """A passage of `text` equal to `quote` up to normalise(), if any."""
    target = normalise(quote)
    if not target:
        return None
    # Normalise the document the same way while keeping a map back to the original characters.
    chars, index = [], []
    prev_space = False
    for i, c in enumerate(unicodedata.normalize("NFC", text)):
        n = normalise(c) if not c.isspace() else " "
        if n == " " or n == "":
            if prev_space:
                continue
            prev_space = True
            chars.append(" ")
            index.append(i)
            continue
        prev_space = False
        for ch in n:
            chars.append(ch)
            index.append(i)
    flat = "".join(chars)
    at = flat.find(target)
    if at < 0:
        return None
    return text[index[at]: index[at + len(target) - 1] + 1]


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, invisible and space-like characters escaped."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif unicodedata.category(c) in ("Zs", "Cf", "Cc") and c != " ":
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def find_all(haystack: bytes, needle: bytes) -> list[int]:
    hits, at = [], haystack.find(needle)
    while at >= 0:
        hits.append(at)
        at = haystack.find(needle, at + 1)
    return hits


def sections(documents: dict, path: str, data: bytes) -> dict[str, tuple[int, int]]:
    """Byte ranges of the documents that share one file (a compilation of statements).

    A document's section starts at the first occurrence of its title in the file and ends where
    the next document's section starts. Only computed when every sharing document's title is
    found; otherwise {} (no section checks)."""
    sharing = [d for d in documents.values() if d.get("path") == path]
    if len(sharing) < 2:
        return {}
    starts = {}
    for d in sharing:
        at = data.find(d.get("title", "").encode("utf-8")) if d.get("title") else -1
        if at < 0:
            return {}
        starts[d["id"]] = at
    order = sorted(starts, key=starts.get)
    out = {}
    for k, doc_id in enumerate(order):
        end = starts[order[k + 1]] if k + 1 < len(order) else len(data)
        out[doc_id] = (starts[doc_id], end)
    return out


def fix_locations(evidence_path: str, fixes: dict[str, tuple[int, int]]) -> None:
    """Rewrite `location` lines in the evidence file for the given item ids (text-level edit)."""
    with open(evidence_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks: list[tuple[int, int]] = []  # [start, end) line ranges of [[evidence]] tables
    starts = [i for i, l in enumerate(lines) if l.strip() == "[[evidence]]"]
    for k, s in enumerate(starts):
        blocks.append((s, starts[k + 1] if k + 1 < len(starts) else len(lines)))
    id_re = re.compile(r'^\s*id\s*=\s*"([^"]*)"')
    loc_re = re.compile(r"^\s*location\s*=")
    doc_re = re.compile(r"^\s*document\s*=")
    quote_re = re.compile(r"^\s*quote\s*=")
    # Edit from the last block backwards so earlier line numbers stay valid.
    for s, e in reversed(blocks):
        item_id = next((m.group(1) for l in lines[s:e] if (m := id_re.match(l))), None)
        if item_id not in fixes:
            continue
        start, end = fixes[item_id]
        new = f"location = {{ start = {start}, end = {end} }}"
        loc = next((i for i in range(s, e) if loc_re.match(lines[i])), None)
        if loc is not None:
            lines[loc] = new
            continue
        after = next((i for i in range(s, e) if doc_re.match(lines[i])), None)
        if after is None:
            after = next((i for i in range(s, e) if quote_re.match(lines[i])), s)
        lines.insert(after + 1, new)
    with open(evidence_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def check(evidence_path: str, documents_path: str, corpus: str, fix: bool, strict: bool) -> int:
    documents = {d.get("id"): d for d in load_toml(documents_path).get("documents", [])}
    items = load_toml(evidence_path).get("evidence", [])
    errors = 0
    cache: dict[str, bytes | None] = {}
    fixes: dict[str, tuple[int, int]] = {}
    print(f"# {evidence_path}")
    for item in items:
        item_id = item.get("id", "?")
        quote = item.get("quote", "")
        doc = documents.get(item.get("document"))
        if doc is None:
            print(f"{item_id}  -  UNKNOWN DOCUMENT {item.get('document')!r}")
            errors += 1
            continue
        path = doc.get("path")
        if not path:
            print(f"{item_id}  ({doc['id']}: no file)  unchecked")
            continue
        if path not in cache:
            full = os.path.join(corpus, path)
            try:
                with open(full, "rb") as f:
                    data = f.read()
            except OSError:
                data = None
            if data is not None and doc.get("sha256") and \
                    hashlib.sha256(data).hexdigest() != doc["sha256"]:
                print(f"#   {path}: sha256 differs from documents.toml ({doc['id']})")
                data = None
            cache[path] = data
        data = cache[path]
        if data is None:
            print(f"{item_id}  {path}  NO FILE")
            errors += 1
            continue
        needle = quote.encode("utf-8")
        hits = find_all(data, needle) if needle else []
        loc = item.get("location")
        rec = (loc.get("start"), loc.get("end")) if isinstance(loc, dict) else None
        if not hits:
            print(f"{item_id}  {path}  NOT FOUND")
            near = near_match(quote, data.decode("utf-8", errors="replace"))
            if near is not None:
                print(f"#   near match (quotes/dashes/spaces differ): {near!r}")
                print(f"#   as a TOML string: {toml_string(near)}")
            errors += 1
            continue
        spans = [(h, h + len(needle)) for h in hits]
        section = sections(documents, path, data).get(doc["id"])
        if section is not None:
            inside = [sp for sp in spans if section[0] <= sp[0] and sp[1] <= section[1]]
            if not inside:
                print(f"{item_id}  {path}  OUTSIDE DOCUMENT (bytes {section[0]}-{section[1]} "
                      f"are {doc['id']}; quote found at "
                      + ", ".join(f"{a}-{b}" for a, b in spans) + ")")
                errors += 1
                continue
            spans = inside
        if rec is not None and rec in spans:
            status, span = "ok", rec
        elif rec is not None:
            status, span = "MISMATCH", spans[0]
            if len(spans) > 1:
                status = "MISMATCH/AMBIGUOUS"
            errors += 1
            fixes[item_id] = span
        elif len(spans) > 1:
            status, span = "AMBIGUOUS", spans[0]
            errors += 1
        else:
            status, span = "found", spans[0]
            fixes[item_id] = span
            if strict:
                errors += 1
        print(f"{item_id}  {path}  start={span[0]} end={span[1]}  {status}")
        if len(spans) > 1:
            print(f"#   occurs {len(spans)} times: " + ", ".join(f"{a}-{b}" for a, b in spans))
        if "\n" in quote:
            print(f"#   warning: {item_id}: quote spans a line break")
        if SENTENCE_BREAK.search(quote):
            print(f"#   warning: {item_id}: quote may hold more than one sentence")
    if fix and fixes:
        fix_locations(evidence_path, fixes)
        print(f"# wrote {len(fixes)} location(s) into {evidence_path}")
    return errors


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="election directories, or EVIDENCE_TOML DOCUMENTS_TOML")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help=f"corpus directory (default {DEFAULT_CORPUS})")
    ap.add_argument("--fix", action="store_true", help="write found offsets into the evidence file")
    ap.add_argument("--strict", action="store_true", help="a missing location is an error")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.corpus):
        print(f"quote_offsets: corpus directory {args.corpus} not found", file=sys.stderr)
        return 2
    pairs: list[tuple[str, str]] = []
    if len(args.paths) == 2 and all(p.endswith(".toml") for p in args.paths):
        pairs.append((args.paths[0], args.paths[1]))
    else:
        for p in args.paths:
            if not os.path.isdir(p):
                print(f"quote_offsets: {p}: not an election directory", file=sys.stderr)
                return 2
            pairs.append((os.path.join(p, "evidence.toml"), os.path.join(p, "documents.toml")))
    errors = 0
    for evidence, documents in pairs:
        for f in (evidence, documents):
            if not os.path.isfile(f):
                print(f"quote_offsets: {f}: no such file", file=sys.stderr)
                return 2
        errors += check(evidence, documents, args.corpus, args.fix, args.strict)
    print(f"# {errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
