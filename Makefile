# Relais: `make` builds the release tool and runs it over Corpus/ into
# build/; `make test` runs every test. See README.md.

SWIFT      ?= swift
RELAIS     := .build/release/relais
CORPUS     := $(sort $(wildcard Corpus/*.txt))
SOURCES    := Package.swift $(shell find Sources -type f 2>/dev/null)
UD_DEV     := Tests/Data/ud-french-gsd/fr_gsd-ud-dev.conllu
UD_TEST    := Tests/Data/ud-french-gsd/fr_gsd-ud-test.conllu

.PHONY: all icu release test lint eval bench clean

all: build/corpus.conllu build/sentences.jsonl
	@echo "relais: $(words $(CORPUS)) documents tokenized into build/corpus.conllu and build/sentences.jsonl"

# ICU's headers and pkg-config are needed to build. As root, install them;
# otherwise say exactly what to run.
icu:
	@if pkg-config --exists icu-uc 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "relais: installing libicu-dev and pkg-config"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config; \
	else \
	  echo "relais: ICU's headers are missing. Run: sudo apt-get install -y libicu-dev pkg-config" >&2; \
	  exit 2; \
	fi

release: $(RELAIS)

$(RELAIS): $(SOURCES) | icu
	$(SWIFT) build -c release --product relais

build/corpus.conllu: $(RELAIS) $(CORPUS)
	@mkdir -p build
	@rm -f $@.tmp
	@for f in $(CORPUS); do $(RELAIS) tokenize "$$f" --format conllu >> $@.tmp || exit 1; done
	@mv $@.tmp $@

build/sentences.jsonl: $(RELAIS) $(CORPUS)
	@mkdir -p build
	@rm -f $@.tmp
	@for f in $(CORPUS); do $(RELAIS) tokenize "$$f" --format jsonl >> $@.tmp || exit 1; done
	@mv $@.tmp $@

test: icu lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

# Tokens and Sentences P/R/F1 on UD French GSD (tune on dev, report test).
eval: $(RELAIS)
	@echo "== dev"; $(RELAIS) eval ud $(UD_DEV)
	@echo "== test"; $(RELAIS) eval ud $(UD_TEST)

bench: $(RELAIS)
	python3 Benchmarks/bench.py --relais $(RELAIS) --ud $(UD_DEV) $(UD_TEST)

clean:
	rm -rf build .build
