#!/usr/bin/env python3
"""Pair F1 of `relais align` on texts made of the ParTUT dev pairs.

A tuning aid for dev data: builds texts the way `AlignmentTests` does
(`ParallelTexts.make`: French and English sentences joined by a space,
CHUNK French sentences a text, every DROP-th translated English sentence
left out), aligns them through `relais align --input jsonl -` (Relais's
own sentences on both sides) and scores each bead by its code point spans.
With --errors, prints the beads the command got wrong and the gold beads
it missed.
Usage: align-eval.py RELAIS CHUNK[:DROP] ... [--errors] [-- ALIGN OPTIONS]
"""
import json
import subprocess
import sys

FRENCH = "Tests/Data/ud-french-more/partut/fr_partut-ud-dev.conllu"
ENGLISH = "Tests/Data/parallel-fr-en/partut/en_partut-ud-dev.conllu"


def sentences(path):
    result, number = [], 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# sent_id = "):
            number = int(line.split("-")[-1])
        elif line.startswith("# text = "):
            result.append((number, line[len("# text = "):]))
    return result


def texts(chunk, drop):
    french, english = sentences(FRENCH), sentences(ENGLISH)
    made, current = [], {"fr": "", "en": "", "gold": set()}
    french_index = paired = in_text = 0

    def append(sentence, side):
        if current[side]:
            current[side] += " "
        start = len(current[side])
        current[side] += sentence
        return (start, len(current[side]))

    for number, sentence in english:
        if french_index < len(french) and french[french_index][0] == number:
            french_span = append(french[french_index][1], "fr")
            french_index += 1
            paired += 1
            in_text += 1
            if drop and paired % drop == 0:
                current["gold"].add(french_span + (-1, -1))
            else:
                current["gold"].add(french_span + append(sentence, "en"))
        else:
            current["gold"].add((-1, -1) + append(sentence, "en"))
        if in_text == chunk:
            made.append(current)
            current, in_text = {"fr": "", "en": "", "gold": set()}, 0
    if current["fr"] or current["en"]:
        made.append(current)
    return made


def span(side):
    return (side["start"], side["end"]) if side["end"] > side["start"] else (-1, -1)


def score(relais, chunk, drop, options, errors):
    made = texts(chunk, drop)
    lines = "\n".join(
        json.dumps({"id": f"t{index}", "text": text["fr"], "translation": text["en"]}, ensure_ascii=False)
        for index, text in enumerate(made))
    result = subprocess.run([relais, "align", "--input", "jsonl", "-", *options],
                            input=lines.encode(), capture_output=True, check=False)
    system, records = set(), []
    for line in result.stdout.decode().splitlines():
        record = json.loads(line)
        bead = (int(record["doc"][1:]),) + span(record["fr"]) + span(record["en"])
        system.add(bead)
        records.append(bead)
    gold = {(index,) + bead for index, text in enumerate(made) for bead in text["gold"]}
    if errors:
        def show(bead):
            text = made[bead[0]]
            french = text["fr"][bead[1]:bead[2]] if bead[1] >= 0 else ""
            english = text["en"][bead[3]:bead[4]] if bead[3] >= 0 else ""
            return f"{french[:60]} || {english[:60]}"
        for bead in records:
            if bead not in gold:
                print("WRONG ", show(bead))
        for bead in sorted(gold - system):
            print("MISSED", show(bead))
    matched = len(system & gold)
    return 2 * matched / (len(system) + len(gold))


def main():
    arguments = sys.argv[1:]
    options = arguments[arguments.index("--") + 1:] if "--" in arguments else []
    arguments = arguments[:arguments.index("--")] if "--" in arguments else arguments
    errors = "--errors" in arguments
    relais, *cases = [argument for argument in arguments if argument != "--errors"]
    for case in cases:
        chunk, _, drop = case.partition(":")
        removed = f"every {drop}th translation removed" if drop else "no translation removed"
        print(f"texts of {chunk} French sentences, {removed}: pair F1 {score(relais, int(chunk), int(drop) if drop else None, options, errors):.3f}")


if __name__ == "__main__":
    main()
