#!/usr/bin/env python3
"""Check a MISP event file as a receiving MISP would: PyMISP must load it, and every attribute's
type/category pair (top-level and inside objects) must be allowed by PyMISP's describeTypes —
PyMISP itself does not reject a wrong category. Also checks the required TLP and galaxy tags.

Usage: misp_check.py EVENT.json [--require-tag TAG ...]   Exit 0 when valid, 1 with reasons otherwise.
"""
import argparse
import json
import os
import sys

import pymisp
from pymisp import MISPEvent


def describe_types():
    path = os.path.join(os.path.dirname(pymisp.__file__), "data", "describeTypes.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)["result"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("event")
    parser.add_argument("--require-tag", action="append", default=[])
    args = parser.parse_args()

    event = MISPEvent()
    try:
        event.load_file(args.event)
    except Exception as exc:  # PyMISP raises several types; any means "does not load"
        print(f"{args.event}: PyMISP cannot load the event: {exc}")
        return 1

    types = describe_types()
    problems = []
    checked = 0

    # Check the file as written: PyMISP quietly swaps some wrong categories for the type's default while
    # loading, but a MISP server receiving the JSON would reject them.
    with open(args.event, encoding="utf-8") as f:
        raw = json.load(f)
    raw_event = raw.get("Event", raw)

    def check(attribute, where):
        nonlocal checked
        checked += 1
        kind, category = attribute.get("type"), attribute.get("category")
        if kind not in types["types"]:
            problems.append(f"{where}: unknown type {kind!r}")
        elif category is None:
            problems.append(f"{where}: no category for type {kind!r}")
        elif kind not in types["category_type_mappings"].get(category, []):
            problems.append(f"{where}: type {kind!r} is not allowed in category {category!r}")

    for i, attribute in enumerate(raw_event.get("Attribute", [])):
        check(attribute, f"Attribute[{i}] {attribute.get('value')!r}")
    for o in raw_event.get("Object", []):
        for attribute in o.get("Attribute", []):
            check(attribute, f"Object {o.get('name')} {attribute.get('object_relation')}={attribute.get('value')!r}")
    loaded = len(event.attributes) + sum(len(o.attributes) for o in event.objects)
    if loaded != checked:
        problems.append(f"PyMISP loaded {loaded} attributes but the file holds {checked}")

    tags = {t.name for t in event.tags}
    for tag in args.require_tag:
        if tag not in tags:
            problems.append(f"missing tag {tag!r}")

    if problems:
        print(f"{args.event}: {len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print(f"{args.event}: OK — PyMISP {pymisp.__version__} loaded event {event.uuid} "
          f"({len(event.attributes)} attributes, {len(event.objects)} objects, {checked} type/category pairs valid, "
          f"tags: {', '.join(sorted(tags))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
