"""`make test-browser`: the pages of `relais render` in a real browser.

Runs relais over the corpus article, the entity documents and every document
fixture of Tests/Fixtures (good and bad), plus documents made here (markup
and a carriage return in the text, and enough documents for a second index
page), renders the records, and loads every page in headless Chromium
through a harness page (check.html, here, beside the site) that reads the
pages' DOM as the browser built it:

- each document page's text element holds the document text code point for
  code point (what the records' offsets count in);
- each entity, term and acronym record has its mark, with its label, its
  text, and its offsets where the DOM puts them; no mark is left over; an
  entity's colour is its legend swatch's; the layer switch hides entities;
- a document holding `<script>` shows it as text and runs nothing;
- the index lists every document on its pages, and its search finds them;
- the coverage page marks each acronym without an entry in its sentence;
- a site rendered from records without text reads the source files again.

It keeps screenshots under build/browser/ for a person to look at, and
prints `N passed, N failed`.

Usage: browser-check.py RELAIS GLOSSARIES OUT_FOLDER
"""

import json
import os
import re
import shutil
import subprocess
import sys

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def run(command, expect):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in expect:
        sys.exit(f"{' '.join(command)} exited {result.returncode}: {result.stderr[-2000:]}")
    return result


def make_documents(folder):
    """Documents the fixtures lack: markup, a carriage return, many small ones."""
    os.makedirs(os.path.join(folder, "many"), exist_ok=True)
    with open(os.path.join(folder, "markup.txt"), "w", encoding="utf-8", newline="") as handle:
        handle.write(
            'Le texte <script>document.title="pwned"</script> & <b>gras</b> reste du texte.\r\n'
            "Le maire, Grégory Doucet, a parlé à Lyon avec l'OTAN 😀 le 3 mai 2024.\r\n"
        )
    for number in range(105):
        with open(os.path.join(folder, "many", f"n{number:03}.txt"), "w", encoding="utf-8") as handle:
            handle.write(f"Document {number} : Jean Dupont est allé à Marseille.\n")


def records_of(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def expected_pages(records, site, texts=None):
    """What each document page must show, from the records."""
    pages = []
    current = None
    number = 0
    for record in records:
        if current is None or record["doc"] != current["doc"] or record["type"] == "document":
            if current is not None:
                pages.append(current)
            number += 1
            current = {
                "path": f"{site}/docs/{number}.html", "doc": record["doc"], "failed": False,
                "text": None, "entities": [], "terms": [], "acronyms": [],
            }
        local = lambda rid: rid[len(record["doc"]) + 1:] if rid.startswith(record["doc"] + "#") else rid
        kind = record["type"]
        if kind == "document":
            current["text"] = record.get("text")
            if current["text"] is None and texts is not None:
                current["text"] = texts.get(record["doc"])
        elif kind == "error":
            current["failed"] = True
        elif kind == "entity":
            current["entities"].append({
                "id": local(record["id"]), "label": record["label"], "start": record["start"],
                "end": record["end"], "text": record["text"]})
        elif kind == "term":
            current["terms"].append({
                "id": local(record["id"]), "start": record["start"], "end": record["end"],
                "text": record["text"], "en": record["labels"].get("en", "")})
        elif kind == "acronym":
            current["acronyms"].append({
                "id": local(record["id"]), "short": record["short"], "long": record["long"]})
        elif kind == "document_end":
            pages.append(current)
            current = None
    if current is not None:
        pages.append(current)
    return pages


HARNESS = r"""<!doctype html>
<html><head><meta charset="utf-8"><title>relais render check</title></head>
<body><pre id="result">running</pre><iframe id="frame" width="1200" height="800"></iframe>
<script src="expected.js"></script>
<script>
"use strict";
const failures = [];
let passed = 0;
function check(condition, message) { if (condition) passed += 1; else failures.push(message); }
const frame = document.getElementById("frame");
function load(path) {
  return new Promise(resolve => { frame.onload = () => resolve(frame.contentDocument); frame.src = path; });
}
function offset(doc, text, node, atEnd) {
  const range = doc.createRange();
  range.setStart(text, 0);
  if (atEnd) range.setEndAfter(node); else range.setEndBefore(node);
  return Array.from(range.toString()).length;
}
function pieces(doc, selector) { return Array.from(doc.querySelectorAll(selector)); }
function checkSpan(doc, text, where, kind, marks, start, end, content) {
  if (marks.length === 0) { failures.push(`${where}: no mark for ${kind} ${content}`); return; }
  check(marks.map(m => m.textContent).join("") === content, `${where}: ${kind} text ${JSON.stringify(marks.map(m => m.textContent).join(""))} is not ${JSON.stringify(content)}`);
  check(offset(doc, text, marks[0], false) === start, `${where}: ${kind} ${content} starts at ${offset(doc, text, marks[0], false)} in the DOM, not ${start}`);
  check(offset(doc, text, marks[marks.length - 1], true) === end, `${where}: ${kind} ${content} ends at ${offset(doc, text, marks[marks.length - 1], true)} in the DOM, not ${end}`);
  check(marks.every(m => +m.dataset.start === start && +m.dataset.end === end), `${where}: ${kind} ${content} data offsets differ`);
}
async function documentPage(page) {
  const doc = await load(page.path);
  const where = page.path;
  check(doc && doc.querySelector("h1") && doc.querySelector("h1").textContent === page.doc, `${where}: heading is not ${page.doc}`);
  if (page.failed) { check(doc.querySelector("p.error") !== null, `${where}: a failed document shows no error`); return; }
  const text = doc.querySelector("div.text");
  if (page.text === null) { check(text === null && doc.querySelector("p.warning") !== null, `${where}: no text, no warning`); return; }
  if (!text) { failures.push(`${where}: no text element`); return; }
  check(text.textContent === page.text, `${where}: the page's text is not the document's (${Array.from(text.textContent).length} against ${Array.from(page.text).length} code points)`);
  const view = doc.defaultView;
  for (const entity of page.entities) {
    const marks = pieces(doc, `mark.entity[data-id="${CSS.escape(entity.id)}"]`);
    checkSpan(doc, text, where, "entity", marks, entity.start, entity.end, entity.text);
    if (marks.length === 0) continue;
    check(marks[0].dataset.label === entity.label, `${where}: entity ${entity.text} labelled ${marks[0].dataset.label}, not ${entity.label}`);
    const swatch = doc.querySelector(`.legend .swatch[data-label="${CSS.escape(entity.label)}"]`);
    const colour = view.getComputedStyle(marks[0]).backgroundColor;
    check(swatch !== null && view.getComputedStyle(swatch).backgroundColor === colour && colour !== "rgba(0, 0, 0, 0)", `${where}: entity ${entity.text} (${entity.label}) is ${colour}, not its legend's colour`);
  }
  for (const term of page.terms) {
    const marks = pieces(doc, `mark.term[data-id="${CSS.escape(term.id)}"]`);
    checkSpan(doc, text, where, "term", marks, term.start, term.end, term.text);
    if (marks.length) check(marks[0].dataset.en === term.en, `${where}: term ${term.text} shows English ${marks[0].dataset.en}, not ${term.en}`);
  }
  for (const acronym of page.acronyms) {
    for (const role of ["short", "long"]) {
      const form = acronym[role];
      const marks = pieces(doc, `mark.acronym[data-id="${CSS.escape(acronym.id)}"][data-role="${role}"]`);
      checkSpan(doc, text, where, `acronym ${role} form`, marks, form.start, form.end, form.text);
    }
  }
  const count = selector => new Set(pieces(doc, selector).map(m => m.dataset.id + "/" + (m.dataset.role || ""))).size;
  check(count("mark.entity") === page.entities.length, `${where}: ${count("mark.entity")} entity marks for ${page.entities.length} records`);
  check(count("mark.term") === page.terms.length, `${where}: ${count("mark.term")} term marks for ${page.terms.length} records`);
  check(count("mark.acronym") === 2 * page.acronyms.length, `${where}: ${count("mark.acronym")} acronym marks for ${page.acronyms.length} records`);
  check(doc.scripts.length === 1, `${where}: ${doc.scripts.length} scripts in the page`);
  const toggle = doc.querySelector('input[data-switch="entities"]');
  if (toggle && page.entities.length) {
    toggle.click();
    const mark = doc.querySelector("mark.entity");
    check(view.getComputedStyle(mark).backgroundColor === "rgba(0, 0, 0, 0)", `${where}: the entity switch does not hide entities`);
    toggle.click();
  }
}
async function indexPages(index) {
  const seen = [];
  for (const path of index.pages) {
    const doc = await load(path);
    for (const row of doc.querySelectorAll("#documents tbody tr")) seen.push(row.querySelector("a").textContent);
    check(doc.querySelectorAll("#documents tbody tr").length <= 100, `${path}: more than 100 rows`);
  }
  check(JSON.stringify(seen) === JSON.stringify(index.docs), `index: lists ${seen.length} documents, not the ${index.docs.length} of the records in their order`);
  const doc = await load(index.pages[0]);
  const search = doc.getElementById("search");
  search.value = index.query;
  search.dispatchEvent(new Event("input"));
  const found = Array.from(doc.querySelectorAll("#found tbody tr a")).map(a => a.textContent);
  check(!doc.getElementById("found").hidden && doc.getElementById("page").hidden, `index: the search shows no results table`);
  check(JSON.stringify(found) === JSON.stringify(index.found), `index: searching ${index.query} finds ${JSON.stringify(found)}, not ${JSON.stringify(index.found)}`);
  const target = doc.querySelector("#found tbody tr a");
  if (target) {
    const page = await load(new URL(target.getAttribute("href"), frame.src).href);
    check(page.querySelector("h1") && page.querySelector("h1").textContent === index.found[0], `index: the search's first link does not open ${index.found[0]}`);
  }
}
async function coveragePage(coverage) {
  const doc = await load(coverage.path);
  const marked = Array.from(doc.querySelectorAll("#unknown-acronyms mark[data-offender]")).map(m => m.textContent);
  check(JSON.stringify(marked) === JSON.stringify(coverage.acronyms), `coverage: marks ${JSON.stringify(marked)}, not ${JSON.stringify(coverage.acronyms)}`);
  check(doc.getElementById("acronym-coverage").textContent === coverage.ratio, `coverage: ratio ${doc.getElementById("acronym-coverage").textContent}, not ${coverage.ratio}`);
}
(async () => {
  try {
    for (const page of EXPECTED.pages) await documentPage(page);
    for (const index of EXPECTED.indexes) await indexPages(index);
    for (const coverage of EXPECTED.coverage) await coveragePage(coverage);
    const hostile = await load(EXPECTED.hostile.path);
    check(hostile.title !== "pwned" && document.title !== "pwned", "markup in a document ran as a script");
    check(hostile.querySelector("div.text").textContent.includes("<script>"), "markup in a document is not shown as text");
    check(hostile.querySelector("div.text").textContent.includes("\r\n"), "a carriage return did not reach the DOM");
  } catch (error) {
    failures.push("harness: " + error);
  }
  document.getElementById("result").textContent = JSON.stringify({passed, failures});
})();
</script></body></html>
"""


def main():
    relais, glossaries, out = sys.argv[1], sys.argv[2], sys.argv[3]
    if CHROMIUM is None:
        sys.exit("browser-check: no chromium (apt-get install -y chromium)")
    shutil.rmtree(out, ignore_errors=True)
    made = os.path.join(out, "made")
    make_documents(made)
    inputs = ["Corpus", "Tests/Data/entities", "Tests/Fixtures/run/mixed",
              "Tests/Fixtures/tokenize/pass", "Tests/Fixtures/tokenize/fail", made]
    text_records = os.path.join(out, "text.jsonl")
    jsonl_records = os.path.join(out, "jsonl.jsonl")
    run([relais, "run", *inputs, "--glossaries", glossaries, "--with-text", "--quiet",
         "--out", text_records], expect={0, 1})
    run([relais, "run", "--input", "jsonl", "Tests/Fixtures/run/lines.jsonl",
         "Tests/Fixtures/run/metadata.jsonl", "--with-text", "--quiet", "--out", jsonl_records],
        expect={0, 1})
    records = os.path.join(out, "records.jsonl")
    with open(records, "w", encoding="utf-8") as handle:
        for path in (text_records, jsonl_records):
            with open(path, encoding="utf-8") as part:
                handle.write(part.read())
    run([relais, "render", records, "--out", os.path.join(out, "site"), "--glossaries", glossaries],
        expect={1})
    # Records without text: the article read again from its source.
    plain = os.path.join(out, "plain.jsonl")
    run([relais, "run", "Corpus", "--glossaries", glossaries, "--quiet", "--out", plain], expect={0})
    run([relais, "render", plain, "--out", os.path.join(out, "site-plain"), "--sources", "Corpus"],
        expect={0})
    coverage = run([relais, "coverage", records, "--glossaries", glossaries, "--json",
                    os.path.join(out, "coverage.json")], expect={0, 1})
    with open(os.path.join(out, "coverage.json"), encoding="utf-8") as handle:
        report = json.load(handle)

    all_records = records_of(records)
    pages = expected_pages(all_records, "site")
    texts = {}
    for name in os.listdir("Corpus"):
        if name.endswith(".txt"):
            with open(os.path.join("Corpus", name), encoding="utf-8-sig", newline="") as handle:
                texts[name[:-4]] = handle.read()
    pages += expected_pages(records_of(plain), "site-plain", texts)
    docs = [page["doc"] for page in expected_pages(all_records, "site")]
    page_count = (len(docs) + 99) // 100
    hostile = next(page for page in pages if page["doc"] == "markup")
    expected = {
        "pages": pages,
        "indexes": [{
            "pages": ["site/index.html"] + [f"site/index-{n}.html" for n in range(2, page_count + 1)],
            "docs": docs, "query": "many/n10",
            "found": [doc for doc in docs if "many/n10" in doc],
        }],
        "coverage": [{
            "path": "site/coverage.html",
            "acronyms": [unknown["text"] for unknown in report["unknown_acronyms"]],
            "ratio": f"{report['acronym_coverage']:.3f}",
        }],
        "hostile": {"path": hostile["path"]},
    }
    assert page_count >= 2, "the made documents should fill a second index page"
    with open(os.path.join(out, "expected.js"), "w", encoding="utf-8") as handle:
        handle.write("window.EXPECTED = " + json.dumps(expected, ensure_ascii=False) + ";\n")
    with open(os.path.join(out, "check.html"), "w", encoding="utf-8") as handle:
        handle.write(HARNESS)

    harness = "file://" + os.path.abspath(os.path.join(out, "check.html"))
    dumped = run([CHROMIUM, *BROWSER_FLAGS, "--allow-file-access-from-files",
                  "--virtual-time-budget=600000", "--dump-dom", harness], expect={0}).stdout
    match = re.search(r'<pre id="result">(.*?)</pre>', dumped, re.S)
    if not match or match.group(1) == "running":
        sys.exit("browser-check: the harness did not finish:\n" + dumped[-2000:])
    result = json.loads(match.group(1).replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&quot;", '"').replace("&amp;", "&"))
    for failure in result["failures"][:50]:
        print("FAIL", failure)
    if len(result["failures"]) > 50:
        print(f"... and {len(result['failures']) - 50} more")

    article = next(page for page in pages if page["doc"].startswith("chine-"))
    for name, path, height in [("article", article["path"], 1400), ("index", "site/index.html", 1000),
                               ("coverage", "site/coverage.html", 1000)]:
        run([CHROMIUM, *BROWSER_FLAGS, f"--screenshot={os.path.abspath(os.path.join(out, name + '.png'))}",
             f"--window-size=1200,{height}", "file://" + os.path.abspath(os.path.join(out, path))],
            expect={0})
        print(f"screenshot: {os.path.join(out, name + '.png')}")
    print(f"{len(pages)} pages, {sum(len(p['entities']) + len(p['terms']) + len(p['acronyms']) for p in pages)} annotations checked in {CHROMIUM}")
    print(f"{result['passed']} passed, {len(result['failures'])} failed")
    sys.exit(1 if result["failures"] else 0)


if __name__ == "__main__":
    main()
