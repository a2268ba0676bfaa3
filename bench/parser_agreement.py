#!/usr/bin/python3
"""How often `confab inspect` agrees with feedparser, field by field.

    bench/parser_agreement.py [--confab build/confab] [--show FIELD] [--list] FILE_OR_DIR...

For every feed file it runs `confab inspect FILE` and Debian's python3-feedparser on the same
bytes, maps feedparser's keys onto confab's inspect schema (subtitle -> description, tags ->
categories, links rel=self -> self...) and counts, for each field either side has a value for,
whether both say the same. A measurement, not a test: feedparser is a peer, not a dependency
(apt-get install python3-feedparser). HTML fields are compared as text without white
space, because feedparser sanitizes and confab leaves that to render.
"""

import argparse
import calendar
import html
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

import feedparser


def collapse(text):
    return re.sub(r"\s+", " ", text or "").strip()


TAG = re.compile(r"<[^>]*>")


def as_text(markup):
    return words(html.unescape(TAG.sub(" ", markup or "")))


def words(text):
    # Where one parser breaks lines between inline tags and the other does not, the words are
    # the same: text fields are compared without their white space.
    return re.sub(r"\s+", "", text or "")


def language(tag):
    # Tags are compared as BCP 47 does: case-insensitively, "_" read as "-".
    return collapse(tag).replace("_", "-").lower()


def epoch(struct):
    return calendar.timegm(struct) if struct else None


def confab_epoch(text):
    if not text:
        return None
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)", text)
    if not match:
        return None
    return calendar.timegm(tuple(int(g) for g in match.groups()) + (0, 0, 0))


def people(items):
    out = []
    for person in items or []:
        entry = (collapse(person.get("name")), collapse(person.get("email")),
                 collapse(person.get("href") or person.get("uri")))
        if any(entry):
            out.append(entry)
    return out


def confab_people(items):
    out = []
    for person in items or []:
        entry = (collapse(person.get("name")), collapse(person.get("email")),
                 collapse(person.get("uri")))
        if any(entry):
            out.append(entry)
    return out


def feedparser_view(path):
    parsed = feedparser.parse(path, sanitize_html=False, resolve_relative_uris=True)
    feed = parsed.feed
    self_link = ""
    for link in feed.get("links", []):
        if link.get("rel") == "self":
            self_link = link.get("href", "")
            break
    view = {
        "feed.title": as_text(feed.get("title")),
        "feed.link": collapse(feed.get("link")),
        "feed.description": as_text(feed.get("subtitle")),
        "feed.language": language(feed.get("language")),
        "feed.updated": epoch(feed.get("updated_parsed")),
        "feed.published": epoch(feed.get("published_parsed")),
        "feed.authors": people(feed.get("authors")),
        "feed.self": collapse(self_link),
        "feed.categories": [collapse(t.get("term") or t.get("label")) for t in feed.get("tags", [])],
    }
    entries = []
    for entry in parsed.entries:
        content = entry.get("content") or []
        entries.append({
            "id": collapse(entry.get("id")),
            "title": as_text(entry.get("title")),
            "link": collapse(entry.get("link")),
            "published": epoch(entry.get("published_parsed")),
            "updated": epoch(entry.get("updated_parsed")),
            "authors": people(entry.get("authors")),
            "summary": as_text(entry.get("summary")),
            "content": as_text(content[0].get("value")) if content else "",
            "categories": [collapse(t.get("term") or t.get("label")) for t in entry.get("tags", [])],
            "comments_url": collapse(entry.get("comments")),
            "enclosures": [(collapse(e.get("href")), collapse(e.get("type")),
                            collapse(str(e.get("length", "") or "")))
                           for e in entry.get("enclosures", [])],
        })
    return view, entries


def confab_view(confab, path):
    result = subprocess.run([confab, "inspect", path], capture_output=True, timeout=30)
    if result.returncode != 0:
        return None, None
    data = json.loads(result.stdout.decode("utf-8", "replace"))
    view = {
        "feed.title": words(data.get("title")),  # confab's titles are text already
        "feed.link": collapse(data.get("link")),
        "feed.description": words(data.get("description")),
        "feed.language": language(data.get("language")),
        "feed.updated": confab_epoch(data.get("updated")),
        "feed.published": confab_epoch(data.get("published")),
        "feed.authors": confab_people(data.get("authors")),
        "feed.self": collapse(data.get("self")),
        "feed.categories": [collapse(c) for c in data.get("categories", [])],
    }
    entries = []
    for entry in data.get("entries", []):
        entries.append({
            "id": collapse(entry.get("id")),
            "title": words(entry.get("title")),
            "link": collapse(entry.get("link")),
            "published": confab_epoch(entry.get("published")),
            "updated": confab_epoch(entry.get("updated")),
            "authors": confab_people(entry.get("authors")),
            "summary": words(entry.get("summary")),
            "content": as_text(entry.get("content")),
            "categories": [collapse(c) for c in entry.get("categories", [])],
            "comments_url": collapse(entry.get("comments_url")),
            "enclosures": [(collapse(e.get("url")), collapse(e.get("type")),
                            "" if e.get("length") is None else str(e.get("length")))
                           for e in entry.get("enclosures", [])],
        })
    return view, entries


def empty(value):
    return value in (None, "", [], ())


def feed_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for folder, _, names in os.walk(path):
                for name in sorted(names):
                    # Files named http_* describe an HTTP exchange (headers, a document URL) a
                    # file on disk cannot carry: they need a server, not this comparison.
                    if name.startswith("http_") or os.path.basename(folder) == "http":
                        continue
                    full = os.path.join(folder, name)
                    # JSON Feed is left out: Debian's feedparser (6.0) does not read it.
                    if name.endswith((".xml", ".rss", ".atom", ".rdf")):
                        yield full
        else:
            yield path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--confab", default=os.path.join(os.path.dirname(__file__), "..",
                                                         "build", "confab"))
    parser.add_argument("--show", action="append", default=[],
                        help="print each disagreement on FIELD (repeatable, 'all')")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    agree, total = Counter(), Counter()
    unreadable = []
    for path in feed_files(args.paths):
        try:
            theirs, their_entries = feedparser_view(path)
        except Exception:  # feedparser itself fails on a few hostile files: nothing to compare
            continue
        ours, our_entries = confab_view(args.confab, path)
        if ours is None:
            if their_entries or any(not empty(v) for v in theirs.values()):
                unreadable.append(path)
            continue
        pairs = [(f, ours[f], theirs[f]) for f in ours]
        for index, their_entry in enumerate(their_entries):
            our_entry = our_entries[index] if index < len(our_entries) else {}
            for field, theirs_value in their_entry.items():
                ours_value = our_entry.get(field)
                # confab always gives an id; feedparser only when the feed has one.
                if field == "id" and empty(theirs_value):
                    continue
                pairs.append(("entry." + field, ours_value, theirs_value))
        for field, ours_value, theirs_value in pairs:
            if empty(ours_value) and empty(theirs_value):
                continue
            total[field] += 1
            if ours_value == theirs_value:
                agree[field] += 1
            elif field in args.show or "all" in args.show:
                print(f"{path}: {field}\n  confab:     {ours_value!r}\n  feedparser: {theirs_value!r}")
    print(f"{'field':24} {'agree':>7} {'of':>7} {'share':>7}")
    for field in sorted(total):
        print(f"{field:24} {agree[field]:7} {total[field]:7} {agree[field] / total[field]:7.1%}")
    all_agree, all_total = sum(agree.values()), sum(total.values())
    if all_total:
        print(f"{'all fields':24} {all_agree:7} {all_total:7} {all_agree / all_total:7.1%}")
    if unreadable:
        print(f"{len(unreadable)} files confab could not read but feedparser could:",
              *unreadable[:20], sep="\n  ")


if __name__ == "__main__":
    sys.exit(main())
