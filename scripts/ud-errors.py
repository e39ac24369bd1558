#!/usr/bin/env python3
"""List where relais's tokens or sentence boundaries differ from a UD file.

A tuning aid for dev data (never for test data): builds the raw text the
way `relais eval ud` does, runs `relais tokenize --format jsonl`, and prints
each missed or extra boundary with its context (or, for words, each token
whose syntactic words differ from the gold's).
Usage: ud-errors.py RELAIS GOLD.conllu [tokens|words|sentences]
"""
import json
import subprocess
import sys


def gold(path):
    text, tokens, sentences, forms, words = [], [], [], [], []
    offset = 0
    sentence_text = None
    start = 0
    multiword_end = 0
    for line in open(path, encoding="utf-8").read().split("\n"):
        if not line:
            if sentence_text is not None:
                text.append(sentence_text)
                sentences.append((start, offset))
                sentence_text = None
            continue
        if line.startswith("# text = "):
            sentence_text = line[len("# text = "):]
            start = offset
            multiword_end = 0
            continue
        if line.startswith("#"):
            continue
        columns = line.split("\t")
        if "." in columns[0]:
            continue
        form = "".join(columns[1].split())
        if "-" in columns[0]:
            multiword_end = int(columns[0].split("-")[1])
            words.append([])
        elif int(columns[0]) <= multiword_end:
            words[-1].append(columns[1])
            continue
        else:
            words.append([columns[1]])
        tokens.append((offset, offset + len(form), form))
        offset += len(form)
    gold.words = words
    return " ".join(text), tokens, sentences


def main():
    relais, path = sys.argv[1], sys.argv[2]
    what = sys.argv[3] if len(sys.argv) > 3 else "sentences"
    text, gold_tokens, gold_sentences = gold(path)
    squeezed = [i for i, c in enumerate(text) if not c.isspace()]
    position = {original: index for index, original in enumerate(squeezed)}
    # The language as `relais eval ud` takes it: the file name's prefix.
    lang = "en" if path.split("/")[-1].startswith("en_") else "fr"
    output = subprocess.run([relais, "tokenize", "-", "--format", "jsonl", "--lang", lang], input=text.encode(),
                            capture_output=True, check=True).stdout.decode()
    system_tokens, system_sentences, system_words = [], [], {}
    for line in output.splitlines():
        record = json.loads(line)
        spans = [(position[t["start"]], position[t["end"] - 1] + 1, t["text"]) for t in record["tokens"]]
        system_tokens += spans
        system_words.update({span[:2]: t.get("words", [t["text"]]) for span, t in zip(spans, record["tokens"])})
        system_sentences.append((spans[0][0], spans[-1][1]))
    if what == "words":
        for (s, e, form), words in zip(gold_tokens, gold.words):
            mine = system_words.get((s, e))
            if mine is not None and [w.lower() for w in mine] != [w.lower() for w in words]:
                before = "".join(text.split())[max(0, s - 25):s]
                print(f"{before:>25} {form!r:10} system {mine} gold {words}")
        return
    if what == "tokens":
        gold_set = {(s, e) for s, e, _ in gold_tokens}
        system_set = {(s, e) for s, e, _ in system_tokens}
        for s, e, form in system_tokens:
            if (s, e) not in gold_set:
                golds = [f for gs, ge, f in gold_tokens if gs < e and ge > s]
                print(f"system {form!r:30} gold {golds}")
        return
    gold_starts = {s for s, _ in gold_sentences}
    system_starts = {s for s, _ in system_sentences}
    flat = "".join(text.split())
    for label, starts, other in (("MISSED", gold_starts, system_starts), ("EXTRA", system_starts, gold_starts)):
        for start in sorted(starts - other):
            print(f"{label:6} ...{flat[max(0, start - 40):start]} || {flat[start:start + 30]}")


if __name__ == "__main__":
    main()
