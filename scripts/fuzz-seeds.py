#!/usr/bin/env python3
"""Writes Fuzz/seeds/: one file per fuzz target, its first byte the target
(FuzzEntry.Target), the rest an input taken from the repository's own
fixtures. Run from the repository root after a fixture changes; the
fuzzer's new finds go to build/fuzz/corpus, not here."""
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "Fuzz" / "seeds"


def read(path, limit=4000):
    return (ROOT / path).read_bytes()[:limit]


def conllu_head(path, sentences=3):
    blocks = (ROOT / path).read_text(encoding="utf-8").split("\n\n")
    return ("\n\n".join(blocks[:sentences]) + "\n\n").encode("utf-8")


def records():
    out = subprocess.run(
        [str(ROOT / ".build/debug/relais"), "run", "-", "--quiet"],
        input="Le FMI salue l’OCS à Astana le 3 juillet 2024.".encode("utf-8"),
        capture_output=True, check=False).stdout
    return out


def small_model():
    out = ROOT / "build" / "fuzz-seed.model"
    out.parent.mkdir(exist_ok=True)
    subprocess.run(
        [str(ROOT / ".build/debug/relais"), "train", "ner", "Tests/Fixtures/ner/pass/small.iob2",
         "--out", str(out), "--epochs", "2", "--quiet"], cwd=ROOT, check=True)
    return out.read_bytes()


seeds = {
    "document-article": (0, read("Corpus/chine-kazakhstan-voisins-amicaux-et-partenaires-fiables.txt")),
    "document-bom-crlf": (0, read("Tests/Fixtures/run/mixed/d-bom-crlf.txt")),
    "document-latin1": (0, read("Tests/Fixtures/run/mixed/b-latin1.txt")),
    # Target 0 with 9 added: the document through the English rules.
    "document-english": (9, read("Tests/Fixtures/run/english.en.txt")),
    "jsonl-line": (1, read("Tests/Fixtures/run/lines.jsonl").split(b"\n")[0]),
    "jsonl-english": (1, '{"id": "e", "text": "We can’t go. They\'re gonna stay.", "lang": "en-US"}'.encode()),
    "jsonl-integer-id": (1, read("Tests/Fixtures/run/lines.jsonl").split(b"\n")[1]),
    "glossary": (2, read("Fuzz/glossary.yaml")),
    "tbx3": (3, read("Tests/Fixtures/glossary-import/tbx3.tbx")),
    "csv": (4, read("Tests/Fixtures/glossary-import/terms.csv")),
    "tsv": (4, read("Tests/Fixtures/glossary-import/terms.tsv")),
    "records": (5, records()),
    "conllu": (6, conllu_head("Tests/Data/ud-french-gsd/fr_gsd-ud-dev.conllu")),
    "entity-data-iob2": (7, read("Tests/Fixtures/ner/pass/small.iob2")),
    "entity-data-io": (7, read("Tests/Fixtures/ner/pass/io-tags.bio")),
    "entity-model": (8, small_model()),
}
SEEDS.mkdir(parents=True, exist_ok=True)
for name, (target, body) in seeds.items():
    (SEEDS / f"{target}-{name}").write_bytes(bytes([target]) + body)
print(f"{len(seeds)} seeds in {SEEDS.relative_to(ROOT)}")
