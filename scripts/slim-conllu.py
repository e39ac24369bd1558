#!/usr/bin/env python3
"""Slim a UD CoNLL-U file to what tokenization scoring reads.

Keeps every comment line and, on token lines, ID, FORM and the SpaceAfter
item of MISC; the other columns become "_". The tokenization and sentence
segmentation of the file are unchanged. Usage: slim-conllu.py IN OUT
"""
import sys


def slim(line: str) -> str:
    if not line or line.startswith("#"):
        return line
    columns = line.split("\t")
    if len(columns) != 10:
        raise SystemExit(f"not a CoNLL-U token line: {line!r}")
    misc = [item for item in columns[9].split("|") if item.startswith("SpaceAfter=")]
    return "\t".join([columns[0], columns[1]] + ["_"] * 7 + ["|".join(misc) or "_"])


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    with open(target, "w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(slim(line) for line in lines))


if __name__ == "__main__":
    main()
