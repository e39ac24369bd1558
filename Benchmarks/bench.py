#!/usr/bin/env python3
"""make bench: speed and memory of `relais tokenize --format jsonl`.

Builds a French text of the requested size from the `# text` lines of UD
French GSD (paragraphs of five sentences, repeated until the size is
reached) under build/bench/, runs the release tool over it with output to
/dev/null, and reports MB/s, tokens/s and peak RSS. Timing is a report,
never a pass/fail: machines here are noisy. Best of --runs runs.
"""
import argparse
import os
import resource
import subprocess
import sys
import time


def build_text(ud_files, megabytes, path):
    sentences = []
    for ud in ud_files:
        with open(ud, encoding="utf-8") as handle:
            sentences += [line[len("# text = "):].rstrip("\n") for line in handle if line.startswith("# text = ")]
    paragraphs = ["\n".join([" ".join(sentences[i:i + 5])]) for i in range(0, len(sentences), 5)]
    chunk = ("\n\n".join(paragraphs) + "\n\n").encode("utf-8")
    target = megabytes * 1_000_000
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path) and os.path.getsize(path) >= target:
        return os.path.getsize(path)
    with open(path + ".tmp", "wb") as handle:
        written = 0
        while written < target:
            handle.write(chunk)
            written += len(chunk)
    os.replace(path + ".tmp", path)
    return written


def run_to_end(command, output=subprocess.DEVNULL, input_bytes=None):
    """Runs a command; returns its wall seconds and its resource usage."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.PIPE,
                               stdin=subprocess.PIPE if input_bytes is not None else None)
    if input_bytes is not None:
        process.stdin.write(input_bytes)
        process.stdin.close()
    _, _, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if process.returncode not in (None, 0):
        sys.exit(f"{command} failed: {process.stderr.read().decode()}")
    return seconds, usage


def run(command, output=subprocess.DEVNULL, input_bytes=None):
    """Runs a command; returns wall seconds and the child's peak RSS in MB."""
    seconds, usage = run_to_end(command, output, input_bytes)
    return seconds, usage.ru_maxrss / 1024


def cpu_seconds(command):
    """Runs a command with its output to /dev/null; returns its user + system
    CPU seconds."""
    _, usage = run_to_end(command)
    return usage.ru_utime + usage.ru_stime


def paragraphs_of(path):
    """The text's paragraphs (split at blank lines), read a line at a time.
    Holding the 50 MB text made this process's peak RSS 249 MB, and on
    Linux a child's peak RSS starts from its parent's at the fork: every
    figure after it read 249 MB."""
    with open(path, encoding="utf-8") as handle:
        lines = []
        for line in handle:
            if line == "\n":
                yield "".join(lines).rstrip("\n")
                lines = []
            else:
                lines.append(line)
        if lines:
            yield "".join(lines).rstrip("\n")


def build_folder(text_path, folder, document_bytes=100_000):
    """Splits the benchmark text at paragraph ends into documents of about
    `document_bytes`, for the whole-pipeline run over a folder."""
    if os.path.isdir(folder) and os.listdir(folder):
        return len(os.listdir(folder))
    os.makedirs(folder, exist_ok=True)
    count, buffer, size = 0, [], 0
    for paragraph in paragraphs_of(text_path):
        buffer.append(paragraph)
        size += len(paragraph.encode("utf-8"))
        if size >= document_bytes:
            with open(os.path.join(folder, f"doc-{count:05d}.txt"), "w", encoding="utf-8") as out:
                out.write("\n\n".join(buffer))
            count, buffer, size = count + 1, [], 0
    return count


def count_tokens(relais, path):
    # One sentence record a line; tokens are the objects with "space_after".
    process = subprocess.Popen([relais, "tokenize", path, "--format", "jsonl"], stdout=subprocess.PIPE)
    tokens = 0
    for line in process.stdout:
        tokens += line.count(b'"space_after"')
    process.wait()
    return tokens


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relais", required=True)
    parser.add_argument("--ud", nargs="+", required=True)
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parallel", nargs=2, required=True, help="French and English UD files whose sent_ids pair")
    arguments = parser.parse_args()
    path = "build/bench/gsd-french.txt"
    size = build_text(arguments.ud, arguments.megabytes, path)
    tokens = count_tokens(arguments.relais, path)
    print(f"input: {path}, {size / 1e6:.1f} MB, {tokens:,} tokens")
    for label, command in (
        ("tokenize --format jsonl", [arguments.relais, "tokenize", path, "--format", "jsonl"]),
        ("tokenize --format conllu", [arguments.relais, "tokenize", path, "--format", "conllu"]),
    ):
        best = None
        for _ in range(arguments.runs):
            seconds, rss = run(["taskset", "-c", "0"] + command)
            if best is None or seconds < best[0]:
                best = (seconds, rss)
        seconds, rss = best
        print(f"{label:28} {size / 1e6 / seconds:7.1f} MB/s  {tokens / seconds / 1e6:6.2f} M tokens/s  "
              f"peak RSS {rss:6.0f} MB  ({seconds:.2f} s, best of {arguments.runs}, one core)")

    # The tokenizer against a bare ICU word-iterator pass over the same file
    # (relais-bench icu-words: the iterator alone, words counted), in CPU
    # seconds, the two run in turn, best of five each.
    bench_tool = os.path.join(os.path.dirname(arguments.relais), "relais-bench")
    if os.path.exists(bench_tool):
        cpu = {"jsonl": [], "icu": []}
        for _ in range(max(arguments.runs, 5)):
            cpu["jsonl"].append(cpu_seconds(["taskset", "-c", "0", arguments.relais, "tokenize", path,
                                             "--format", "jsonl"]))
            cpu["icu"].append(cpu_seconds(["taskset", "-c", "0", bench_tool, "icu-words", path]))
        jsonl, icu = min(cpu["jsonl"]), min(cpu["icu"])
        print(f"tokenize --format jsonl: {jsonl:.2f} CPU s against {icu:.2f} for a bare ICU word-iterator "
              f"pass ({jsonl / icu:.2f}x; target 1.4x; best of {len(cpu['icu'])}, runs in turn, one core)")

    folder = "build/bench/documents"
    # The whole pipeline: with the shipped glossaries, up to term records.
    glossaries = ["--glossaries", "Glossaries"] if os.path.isdir("Glossaries") else []
    documents = build_folder(path, folder)
    timings = {}
    for label, command in (
        ("run, one core", ["taskset", "-c", "0", arguments.relais, "run", folder, "--quiet"] + glossaries),
        (f"run, {os.cpu_count()} cores", [arguments.relais, "run", folder, "--quiet"] + glossaries),
    ):
        best = min(run(command) for _ in range(arguments.runs))
        timings[label] = best
        seconds, rss = best
        print(f"{label:28} {size / 1e6 / seconds:7.1f} MB/s  peak RSS {rss:6.0f} MB  "
              f"({documents} documents, {seconds:.2f} s, best of {arguments.runs}, JSONL to /dev/null)")
    one, many = timings.values()
    print(f"parallel speed-up: {one[0] / many[0]:.2f}x")

    # What extraction adds to tokenizing, one core, same documents. The two
    # stages run in turn, not one after the other's runs, so that a slow
    # spell of the machine falls on both; best of five each, as the
    # difference is a fifth of either time and the noise a few percent.
    stages = {"tokenize": [], "extract": []}
    for _ in range(max(arguments.runs, 5)):
        for stage in stages:
            command = ["taskset", "-c", "0", arguments.relais, "run", folder, "--quiet", "--until", stage]
            stages[stage].append(run(command)[0])
    tokenize, extract = min(stages["tokenize"]), min(stages["extract"])
    print(f"extract stage: {extract:.2f} s against {tokenize:.2f} s to tokenize "
          f"(+{100 * (extract / tokenize - 1):.0f}%, best of {len(stages['extract'])}, runs in turn)")

    # The entity model stage against the tokenize stage, one core, runs in
    # turn: each stage's cost is the difference between stopping after it
    # and stopping before it (segment: blocks only; rules: every stage but
    # the model).
    runs = {"segment": [], "tokenize": [], "rules": [], "both": []}
    for _ in range(max(arguments.runs, 5)):
        for name in runs:
            stage = {"segment": ["--until", "segment"], "tokenize": ["--until", "tokenize"],
                     "rules": ["--ner", "rules"], "both": ["--ner", "both"]}[name]
            command = ["taskset", "-c", "0", arguments.relais, "run", folder, "--quiet"] + glossaries + stage
            runs[name].append(run(command))
    best = {name: min(times) for name, times in runs.items()}
    tokenize_cost = best["tokenize"][0] - best["segment"][0]
    model_cost = best["both"][0] - best["rules"][0]
    print(f"model stage: {model_cost:.2f} s against {tokenize_cost:.2f} s for the tokenize stage "
          f"({model_cost / tokenize_cost:.2f}x; best of {len(runs['both'])}, runs in turn, one core); "
          f"peak RSS {best['both'][1]:.0f} MB with the model, {best['rules'][1]:.0f} MB without")
    # spaCy fr_core_news_sm with only senter and ner: 0.080 MB per
    # CPU-second on this kind of text (the figure; spaCy is not
    # installed here).
    whole = size / 1e6 / best["both"][0]
    print(f"whole pipeline with the model, one core: {whole:.1f} MB/s, "
          f"{whole / 0.080:.0f}x spaCy fr_core_news_sm senter+ner's 0.080 MB per CPU-second")
    load = min(run([arguments.relais, "run", "-", "--quiet", "--ner", mode], input_bytes=b"Il part.")
               for mode in ("both",) for _ in range(5))
    rules_only = min(run([arguments.relais, "run", "-", "--quiet", "--ner", "rules"], input_bytes=b"Il part.")
                     for _ in range(5))
    print(f"model load: a one-sentence run takes {1000 * load[0]:.0f} ms with the model, "
          f"{1000 * rules_only[0]:.0f} ms without (peak RSS {load[1]:.0f} MB against {rules_only[1]:.0f} MB)")

    align_benchmark(arguments)


def parallel_sentences(path):
    """The (number, text) of each sentence of a UD file, by sent_id."""
    sentences, number = [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith("# sent_id = "):
            number = int(line.rsplit("-", 1)[1])
        elif line.startswith("# text = "):
            sentences.append((number, line[len("# text = "):].rstrip("\n")))
    return sentences


def align_benchmark(arguments):
    """`relais align` over pairs of 5,000 and 10,000 sentences (the ParTUT
    dev pairs repeated), against tokenizing the English side: the aligner
    should cost at most that, and double with the text (banded search)."""
    french = parallel_sentences(arguments.parallel[0])
    english = dict(parallel_sentences(arguments.parallel[1]))
    pairs = [(text, english[number]) for number, text in french if number in english]
    timings = {}
    for count in (5_000, 10_000):
        chosen = [pairs[i % len(pairs)] for i in range(count)]
        paths = (f"build/bench/align-{count}.fr.txt", f"build/bench/align-{count}.en.txt")
        for side, path in enumerate(paths):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(" ".join(pair[side] for pair in chosen) + "\n")
        align = min(run(["taskset", "-c", "0", arguments.relais, "align", *paths])
                    for _ in range(arguments.runs))
        tokenize = min(run(["taskset", "-c", "0", arguments.relais, "tokenize", paths[1], "--lang", "en",
                            "--format", "jsonl"]) for _ in range(arguments.runs))
        timings[count] = align[0]
        print(f"align {count:,} sentence pairs: {align[0]:.2f} s (peak RSS {align[1]:.0f} MB); "
              f"tokenizing the English side {tokenize[0]:.2f} s; best of {arguments.runs}, one core")
    print(f"align, 10,000 against 5,000 pairs: {timings[10_000] / timings[5_000]:.2f}x the time")
    # The long text: 5% of the English sentences removed. The band
    # widens only where the path needs it, so this costs what the full
    # pairs cost (widened by the count difference, it took 5x as long).
    chosen = [pairs[i % len(pairs)] for i in range(10_000)]
    paths = ("build/bench/align-gaps.fr.txt", "build/bench/align-gaps.en.txt")
    with open(paths[0], "w", encoding="utf-8") as handle:
        handle.write(" ".join(pair[0] for pair in chosen) + "\n")
    with open(paths[1], "w", encoding="utf-8") as handle:
        handle.write(" ".join(pair[1] for index, pair in enumerate(chosen) if index % 20 != 19) + "\n")
    gaps = min(run(["taskset", "-c", "0", arguments.relais, "align", *paths]) for _ in range(arguments.runs))
    print(f"align 10,000 pairs with every 20th English sentence removed: {gaps[0]:.2f} s "
          f"({gaps[0] / timings[10_000]:.2f}x the full pairs)")


if __name__ == "__main__":
    main()
