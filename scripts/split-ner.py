#!/usr/bin/env python3
"""Splits the NER data once, as Data/ner-french/README.md describes.

wikineural-fr: sentences in blocks of 50, in file order; every tenth block
(the 10th, 20th, ...) goes to dev.iob2, the rest to train.iob2.gz.
europeana-fr-bnf: the token lines cut in two halves at the first full stop
at or after the middle; tune.bio tunes how rules and model combine,
measure.bio is only reported.

Usage: scripts/split-ner.py SHARED_NER_DIR Data/ner-french
Run once; its outputs are committed.
"""
import gzip
import os
import sys

BLOCK = 50


def sentences(path):
    block = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line:
                block.append(line)
            elif block:
                yield block
                block = []
    if block:
        yield block


def main(source, target):
    train, dev = [], []
    for index, sentence in enumerate(sentences(os.path.join(source, "wikineural-fr", "val.conllu"))):
        (dev if (index // BLOCK) % 10 == 9 else train).append("\n".join(sentence) + "\n\n")
    # mtime 0 and no file name in the header: the same bytes every run.
    with open(os.path.join(target, "wikineural-fr", "train.iob2.gz"), "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
            out.write("".join(train).encode("utf-8"))
    with open(os.path.join(target, "wikineural-fr", "dev.iob2"), "w", encoding="utf-8") as out:
        out.write("".join(dev))
    with open(os.path.join(source, "europeana-fr-bnf-dev", "enp_FR.bnf.dev.bio"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    cut = len(lines) // 2
    while cut < len(lines) and lines[cut].split(" ")[0] != ".":
        cut += 1
    cut += 1
    for name, part in (("tune.bio", lines[:cut]), ("measure.bio", lines[cut:])):
        with open(os.path.join(target, "europeana-fr-bnf", name), "w", encoding="utf-8") as out:
            out.write("\n".join(part) + "\n")
    print(f"wikineural: {len(train)} train, {len(dev)} dev sentences; "
          f"europeana: {cut} tune, {len(lines) - cut} measure lines")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
