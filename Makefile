# Relais: `make` builds the release tool and runs it over Corpus/ with
# Glossaries/ into build/; `make test` runs every test. See README.md.
#
# One `relais run` over the corpus (every core) writes build/corpus.jsonl,
# byte-identical to `relais run Corpus --glossaries Glossaries` (with
# `--translations Translations` when that folder holds translations); its cache
# (build/cache, keyed by each document's content, the glossaries and the
# tool itself) means a changed document is the only one reprocessed. With
# nothing changed, `make` runs nothing: coverage is recomputed only when the
# corpus file changes.

# No built-in rules: searching them for each document of a large corpus was
# most of a make with nothing to do.
MAKEFLAGS  += --no-builtin-rules
.SUFFIXES:

SWIFT      ?= swift
RELAIS     ?= .build/release/relais
CORPUS     := Corpus
GLOSSARIES := Glossaries
GLOSSARY_FILES := $(sort $(wildcard $(GLOSSARIES)/*.yaml $(GLOSSARIES)/*.yml))
GLOSSARY_OPTION := $(if $(GLOSSARY_FILES),--glossaries $(GLOSSARIES))
DOCS       := $(shell find $(CORPUS) -name '*.txt' -not -path '*/.*' 2>/dev/null | LC_ALL=C sort)
CACHE      := build/cache
DOC_CONLLU := $(patsubst $(CORPUS)/%.txt,build/conllu/%.conllu,$(DOCS))
SOURCES    := $(wildcard Package.swift) $(shell find Sources -type f 2>/dev/null)
UD_DEV     := Tests/Data/ud-french-gsd/fr_gsd-ud-dev.conllu
UD_TEST    := Tests/Data/ud-french-gsd/fr_gsd-ud-test.conllu

# The coverage gate's threshold: just under what the shipped corpus reaches
# (1.000 of acronym mentions). Override: make coverage COVERAGE_MIN=0.8
COVERAGE_MIN ?= 0.95

# English translations of Corpus/ documents (Translations/x.en.txt for
# Corpus/x.txt). When they exist and glossaries too, the run's English side
# aligns each pair and checks each French term's rendering (term_check
# records in build/corpus.jsonl), and `make coverage` also gates on
# translation consistency, the share rendered by the entry's English terms.
# Override: make coverage CONSISTENCY_MIN=0.8
TRANSLATIONS := Translations
TRANSLATION_FILES := $(if $(GLOSSARY_FILES),$(shell find $(TRANSLATIONS) -name '*.txt' -not -path '*/.*' 2>/dev/null | LC_ALL=C sort))
CONSISTENCY_MIN ?= 0.9
TRANSLATIONS_OPTION := $(if $(TRANSLATION_FILES),--translations $(TRANSLATIONS))
CONSISTENCY_OPTION := $(if $(TRANSLATION_FILES),--min-consistency $(CONSISTENCY_MIN))

.PHONY: all icu pydeps release summary coverage render test test-asan test-spark test-browser lint eval eval-ner bench conllu fuzz fuzz-build model model-check clean FORCE

all: summary build/coverage.json
	@head -1 build/coverage.txt

# ICU's headers and pkg-config are needed to build, xmllint to test the TBX
# exports. As root, install them; otherwise say exactly what to run.
icu:
	@if pkg-config --exists icu-uc libcrypto 2>/dev/null && command -v xmllint > /dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "relais: installing libicu-dev, libssl-dev, pkg-config and libxml2-utils"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev libssl-dev pkg-config libxml2-utils; \
	else \
	  echo "relais: ICU's or libcrypto's headers or xmllint are missing. Run: sudo apt-get install -y libicu-dev libssl-dev pkg-config libxml2-utils" >&2; \
	  exit 2; \
	fi

# The schema tests validate with Python's jsonschema.
pydeps:
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema

release: $(RELAIS)

$(RELAIS): $(SOURCES) | icu
	$(SWIFT) build -c release --product relais
	@touch $@


# The list of documents, rewritten only when it changes, so that removing a
# document rebuilds the corpus too.
build/documents.list: FORCE
	@spaced=$$(find $(CORPUS) -name '*.txt' -not -path '*/.*' -name '*[[:space:]]*' | LC_ALL=C sort | head -3); \
	  if [ -n "$$spaced" ]; then \
	    echo "relais: make cannot name targets with white space: $$spaced" | tr '\n' ' ' >&2; \
	    echo "(rename them, or run $(RELAIS) run $(CORPUS) directly)" >&2; exit 2; fi
	@mkdir -p build
	@printf '%s\n' $(DOCS) > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

# Exit 1 (bad documents) keeps the corpus file with their error records
# (the summary then fails); anything worse stops make. --out writes
# atomically, so the file is never half-written.
# The same run writes the coverage report (collected as the records are
# written, the same bytes `relais coverage` makes of the corpus file), so
# make never reads the corpus back.
build/corpus.jsonl build/coverage.json build/coverage.txt &: build/documents.list $(DOCS) $(RELAIS) $(GLOSSARY_FILES) $(TRANSLATION_FILES)
	@mkdir -p build
	@$(RELAIS) run $(CORPUS) $(GLOSSARY_OPTION) $(TRANSLATIONS_OPTION) --cache $(CACHE) \
	  --out build/corpus.jsonl --coverage-json build/coverage.json --coverage-table build/coverage.txt; status=$$?; \
	  if [ $$status -gt 1 ]; then exit $$status; fi

# The counts from the coverage table's second line (documents, error
# records included): counting lines of the corpus file again was a tenth
# of a first make over 1,000 documents.
build/summary.txt: build/coverage.txt
	@sed -n 's|^Documents: \([0-9]*\), failed: \([0-9]*\)$$|relais: \1 documents, \2 failed -> build/corpus.jsonl|p' $< > $@
	@grep -q . $@ || { echo "relais: build/coverage.txt has no document count" >&2; rm -f $@; exit 2; }

summary: build/summary.txt
	@cat $<
	@if ! grep -q ', 0 failed ->' $<; then echo "relais: see the error records in build/corpus.jsonl" >&2; exit 1; fi

# The gate: fails, saying what fell short, when coverage is under
# COVERAGE_MIN or, with translations, consistency under CONSISTENCY_MIN.
coverage: build/corpus.jsonl
	@$(RELAIS) coverage $< $(GLOSSARY_OPTION) --min $(COVERAGE_MIN) $(CONSISTENCY_OPTION) \
	  --json build/coverage.json \
	  > build/coverage.txt; status=$$?; cat build/coverage.txt; exit $$status

conllu: build/corpus.conllu

build/conllu/%.conllu: $(CORPUS)/%.txt $(RELAIS)
	@mkdir -p $(@D)
	@$(RELAIS) tokenize "$<" --root $(CORPUS) --format conllu > "$@.tmp" && mv "$@.tmp" "$@"

build/corpus.conllu: build/documents.list $(DOC_CONLLU)
	@cat /dev/null $(DOC_CONLLU) > $@.tmp && mv $@.tmp $@
	@echo "relais: wrote $@"

test: icu pydeps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# relais as the map step of a real local Spark job (scripts/spark-check.py):
# pyspark from PyPI in its own venv, Java 17 or later from the machine.
SPARK_VENV := build/spark-venv
$(SPARK_VENV)/bin/python:
	python3 -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet pyspark==4.3.0

test-spark: $(RELAIS) $(SPARK_VENV)/bin/python
	@command -v java > /dev/null || { echo "relais: test-spark needs Java 17 or later (apt-get install -y openjdk-17-jre-headless)" >&2; exit 2; }
	@$(SPARK_VENV)/bin/python scripts/spark-check.py $(abspath $(RELAIS)) $(abspath $(GLOSSARIES)) \
	  $(CORPUS) Tests/Data/entities 2> build/spark.log || { tail -30 build/spark.log >&2; exit 1; }

# The rendered site in headless Chromium (scripts/browser-check.py): every
# page's DOM checked against the records, screenshots kept in build/browser.
# As root, installs Debian's chromium when it is missing.
test-browser: $(RELAIS)
	@command -v chromium > /dev/null || if [ "$$(id -u)" = 0 ]; then \
	  echo "relais: installing chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; \
	else echo "relais: test-browser needs Chromium. Run: sudo apt-get install -y chromium" >&2; exit 2; fi
	python3 scripts/browser-check.py $(RELAIS) $(GLOSSARIES) build/browser

# The records as HTML pages to read (relais render): build/site/index.html.
render: build/site/index.html

build/site/index.html: build/corpus.jsonl $(GLOSSARY_FILES)
	@$(RELAIS) render $< --out build/site $(GLOSSARY_OPTION) --sources $(CORPUS)

lint:
	$(SWIFT) format lint --strict -r Sources Tests Fuzz Package.swift

# The test suite under AddressSanitizer, in its own build folder.
test-asan: icu pydeps
	$(SWIFT) build --build-tests --scratch-path .build/asan -Xswiftc -sanitize=address
	LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan.supp:print_suppressions=0 RELAIS_BINARY=.build/asan/debug/relais \
	  $(SWIFT) test --skip-build --scratch-path .build/asan

# libFuzzer over every reader (FuzzEntry): `make fuzz FUZZ_SECONDS=3600`.
# Seeds are Fuzz/seeds; what the fuzzer finds grows build/fuzz/corpus;
# a crash is written to build/fuzz/ and belongs in Fuzz/crashes, which
# `make test` replays.
FUZZ_SECONDS ?= 60
# A fixed seed makes a run repeatable (CI uses FUZZ_SEED=1); 0 is random.
# Repeatable needs Swift's hashing fixed too (Set and Dictionary orders
# are seeded per process otherwise, and coverage follows them), and the
# report of a crash is libFuzzer's: Swift's own backtracer, reading the
# crashed process's memory, trips AddressSanitizer and hides the input's
# stack (CI once saw only that).
FUZZ_SEED ?= 0
FUZZ_ENV := SWIFT_DETERMINISTIC_HASHING=1 SWIFT_BACKTRACE=enable=no
FUZZ_BINARY := .build/fuzz/release/relais-fuzz

fuzz-build: | icu
	$(SWIFT) build -c release --product relais-fuzz --scratch-path .build/fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DRELAIS_FUZZ -Xswiftc -use-ld=lld

fuzz: fuzz-build
	@mkdir -p build/fuzz/corpus
	$(FUZZ_ENV) LSAN_OPTIONS=suppressions=Fuzz/lsan.supp:print_suppressions=0 RELAIS_FUZZ_GLOSSARY=Fuzz/glossary.yaml $(FUZZ_BINARY) build/fuzz/corpus Fuzz/seeds Fuzz/crashes \
	  -max_total_time=$(FUZZ_SECONDS) -seed=$(FUZZ_SEED) -max_len=65536 -rss_limit_mb=4096 -timeout=30 \
	  -artifact_prefix=build/fuzz/ -print_final_stats=1

# Tokens, Words and Sentences P/R/F1 on UD French GSD (tune on dev, report
# test), on the dev files of five more French treebanks, and on the English
# dev files (scored with the English rules: the file names start with en_).
eval: $(RELAIS)
	@echo "== GSD dev"; $(RELAIS) eval ud $(UD_DEV)
	@echo "== GSD test"; $(RELAIS) eval ud $(UD_TEST)
	@for treebank in sequoia parisstories rhapsodie alts partut; do \
	  echo "== $$treebank dev"; $(RELAIS) eval ud Tests/Data/ud-french-more/$$treebank/fr_$$treebank-ud-dev.conllu; \
	done
	@for gold in Tests/Data/ud-english/ewt/en_ewt-ud-dev.conllu Tests/Data/ud-english/gum/en_gum-ud-dev.conllu \
	  Tests/Data/parallel-fr-en/partut/en_partut-ud-dev.conllu; do \
	  echo "== English $$(basename $$gold .conllu)"; $(RELAIS) eval ud $$gold; \
	done

# The shipped entity model, rebuilt byte for byte from the data in
# Data/ner-french (CC BY-NC-SA 4.0, which the model inherits): train on
# nine tenths of WikiNEuRal's French validation file, keep the epoch that
# scores best on the held-out tenth. `make model-check` trains a copy and
# compares it with the committed file.
NER_DATA   := Data/ner-french
NER_TRAIN  := $(NER_DATA)/wikineural-fr/train.iob2.gz
NER_DEV    := $(NER_DATA)/wikineural-fr/dev.iob2
NER_MODEL  := Sources/RelaisKit/Resources/ner-fr.model
NER_ID     := relais-ner-fr-1
NER_TRAINING = $(RELAIS) train ner build/ner/train.iob2 --dev $(NER_DEV) --id $(NER_ID) \
  --epochs 20 --min-count 1 --seed 1

build/ner/train.iob2: $(NER_TRAIN)
	@mkdir -p $(@D)
	gzip -dc $< > $@.tmp && mv $@.tmp $@

model: $(RELAIS) build/ner/train.iob2
	$(NER_TRAINING) --out $(NER_MODEL)

model-check: $(RELAIS) build/ner/train.iob2
	$(NER_TRAINING) --out build/ner/check.model --quiet
	@cmp build/ner/check.model $(NER_MODEL) && echo "relais: make model rebuilds $(NER_MODEL) byte for byte"

# Entities P/R/F1, whole pipeline, on the dev data: rules, model, both.
eval-ner: $(RELAIS)
	@for mode in rules model both; do \
	  echo "== WikiNEuRal dev tenth, --ner $$mode"; $(RELAIS) eval ner $(NER_DEV) --ner $$mode; \
	  echo "== Europeana 1906, tune half, --ner $$mode"; $(RELAIS) eval ner $(NER_DATA)/europeana-fr-bnf/tune.bio --ner $$mode; \
	  echo "== Europeana 1906, measure half, --ner $$mode"; $(RELAIS) eval ner $(NER_DATA)/europeana-fr-bnf/measure.bio --ner $$mode; \
	done

bench: $(RELAIS)
	$(SWIFT) build -c release --product relais-bench
	python3 Benchmarks/bench.py --relais $(RELAIS) --ud $(UD_DEV) $(UD_TEST) \
	  --parallel Tests/Data/ud-french-more/partut/fr_partut-ud-dev.conllu Tests/Data/parallel-fr-en/partut/en_partut-ud-dev.conllu
	taskset -c 0 .build/release/relais-bench build/bench/gsd-french.txt 100000

clean:
	rm -rf build .build
