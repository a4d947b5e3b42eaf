# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := samples/ai-slowdown.argmap.json

.PHONY: run test bench lint samples schema screenshots fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip >/dev/null
	$(BIN)/python -m pip install -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/argmap $(SAMPLE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -o addopts='' tests/perf -s -q

lint: $(STAMP)
	$(BIN)/ruff check argmap tests
	$(BIN)/mypy

# Re-draw the sample's pictures and the shipped schema after changing them.
samples: $(STAMP)
	$(BIN)/argmap export $(SAMPLE) -o samples/ai-slowdown.svg
	$(BIN)/argmap export $(SAMPLE) -o samples/ai-slowdown.png

schema: $(STAMP)
	$(BIN)/argmap schema -o resources/argmap.schema.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis

# Re-draw the screenshots in docs/ from the real window.
screenshots: $(STAMP)
	$(BIN)/python docs/make_screenshots.py

# Long fuzz runs of every reader: 20,000 mutated inputs each (make test runs 300).
fuzz: $(STAMP)
	ARGMAP_FUZZ_EXAMPLES=$${ARGMAP_FUZZ_EXAMPLES:-20000} QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_fuzz_readers.py -q -s -p no:cacheprovider
