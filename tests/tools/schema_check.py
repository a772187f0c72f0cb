#!/usr/bin/env python3
# Validates spoolfix's JSON output against the JSON Schema files of
# schema/ (Debian's python3-jsonschema, draft 2020-12).
#
#   schema_check.py SCHEMA_DIR audit FILE.jsonl   each line by its "type"
#   schema_check.py SCHEMA_DIR repair FILE.json   one repair result
#
# Exit 0 when everything is valid, 1 when something is not (each error
# printed with its line), 2 on wrong use, 77 when jsonschema is missing.
import json
import os
import sys

try:
    import jsonschema
except ImportError as e:
    print("jsonschema is missing: %s" % e)
    sys.exit(77)

sdir, kind, path = sys.argv[1:4]


def validator(name):
    with open(os.path.join(sdir, name + ".schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


bad = 0
n = 0
if kind == "audit":
    v = {"host": validator("audit-host"), "finding": validator("audit-finding")}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            n += 1
            rec = json.loads(line)
            t = rec.get("type") if isinstance(rec, dict) else None
            if t not in v:
                print("%s:%d: unknown record type %r" % (path, i, t))
                bad += 1
                continue
            for err in v[t].iter_errors(rec):
                print("%s:%d: %s at %s" % (path, i, err.message,
                                          "/".join(map(str, err.path)) or "the record"))
                bad += 1
elif kind == "repair":
    v = validator("repair-result")
    with open(path, encoding="utf-8") as f:
        rec = json.load(f)
    n = 1
    for err in v.iter_errors(rec):
        print("%s: %s at %s" % (path, err.message,
                                "/".join(map(str, err.path)) or "the result"))
        bad += 1
else:
    print("usage: schema_check.py SCHEMA_DIR audit|repair FILE")
    sys.exit(2)
if n == 0:
    print("%s: no records" % path)
    sys.exit(1)
sys.exit(1 if bad else 0)
