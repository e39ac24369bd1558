#!/usr/bin/env python3
"""Validate JSONL records against Schemas/records.schema.json.

Checks every line with the jsonschema package (Draft 2020-12), and checks
the offsets contract: for each span, the document text sliced at
[start, end) equals the record's `text` (when the documents are given).
`term_check` records slice the French text by `fr` and, given as
`--texts ID.en=PATH`, the English one by `en`.
Usage: validate-records.py SCHEMA RECORDS.jsonl [--texts ID=PATH ...]
Prints "records: N valid, M invalid" and exits 1 on any failure.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate-records.py: the jsonschema package is missing; run: python3 -m pip install jsonschema")


def main():
    schema_path, records_path = sys.argv[1], sys.argv[2]
    texts = {}
    if "--texts" in sys.argv:
        for pair in sys.argv[sys.argv.index("--texts") + 1:]:
            doc, path = pair.split("=", 1)
            with open(path, encoding="utf-8-sig", newline="") as handle:
                texts[doc] = handle.read()
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    passed = failed = 0
    with open(records_path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            record = json.loads(line)
            # A document record that carries its text (--with-text) is the
            # text its records' offsets slice: no file needed.
            if record["type"] == "document" and "text" in record:
                texts[record["doc"]] = record["text"]
            problems = [error.message for error in validator.iter_errors(record)]
            text = texts.get(record.get("doc"))
            if text is not None and record["type"] in ("sentence", "term", "entity", "acronym"):
                spans = [record] if "text" in record else []
                spans += record.get("tokens", []) + [record[f] for f in ("short", "long") if f in record]
                problems += [f"offsets {s['start']}..{s['end']} do not slice {s['text']!r}"
                             for s in spans if text[s["start"]:s["end"]] != s["text"]]
            if record["type"] == "term_check":
                for side, source in (("fr", text), ("en", texts.get(record.get("doc", "") + ".en"))):
                    span = record.get(side)
                    if span is not None and source is not None and source[span["start"]:span["end"]] != span["text"]:
                        problems.append(f"{side} offsets {span['start']}..{span['end']} do not slice {span['text']!r}")
            if problems:
                failed += 1
                print(f"{records_path}:{number}: {'; '.join(problems)[:500]}")
            else:
                passed += 1
    print(f"records: {passed} valid, {failed} invalid")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
