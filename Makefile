# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := samples/ai-slowdown.argmap.json

.PHONY: run test bench lint samples legibility-pictures schema screenshots fuzz mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip >/dev/null
	$(BIN)/python -m pip install -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/argmap $(SAMPLE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# compiled first: start-up figures are of an installed argmap, not of compiling its sources
bench: $(STAMP)
	$(BIN)/python -m compileall -q argmap >/dev/null
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -o addopts='' tests/perf -s -q

# ruff, mypy strict on all of argmap/, and the import contracts of pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check argmap tests
	$(BIN)/ruff format --check argmap tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# Re-draw the sample's pictures and the shipped schema after changing them.
samples: $(STAMP)
	$(BIN)/argmap export $(SAMPLE) -o samples/ai-slowdown.svg
	$(BIN)/argmap export $(SAMPLE) -o samples/ai-slowdown.png
	$(BIN)/argmap export $(SAMPLE) -o samples/ai-slowdown.pdf --page a4
	$(BIN)/argmap export $(SAMPLE) -o samples/ai-slowdown.html

# The sample before and after issue 16, each on an A4 landscape page (docs/legibility.md)
legibility-pictures: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_legibility_pictures.py

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

# Mutation testing of the guard clauses: mutmut changes the code one mutant at a time
# and runs the tests that cover it; a mutant that no test notices "survives".
# Settings (tests run, files copied) are in pyproject's [tool.mutmut]; mutmut works in
# mutants/.  To cover more code, add its functions to MUTATE, in mutmut's names:
# module.x_function or module.xǁClassǁmethod, where * matches any ending.
MUTATE ?= \
	'argmap.model.ops.*' \
	'argmap.model.edit_checks.*' \
	'argmap.model.document.*' \
	'argmap.model.validation.x_check_*' \
	'argmap.model.validation.x_unsaveable*' \
	'argmap.model.validation.x__fine*' \
	'argmap.model.validation.x__json_fine*' \
	'argmap.model.validation.x_lone_surrogate*' \
	'argmap.model.validation.x_first_problem*' \
	'argmap.model.source.x_reanchor*' \
	'argmap.formats.native.x_from_data*' \
	'argmap.formats.native.x_loads*' \
	'argmap.formats.native.x__load_file*' \
	'argmap.formats.errors.x_parse_json*' \
	'argmap.formats.errors.x__unique*' \
	'argmap.formats.errors.x__finite*' \
	'argmap.formats.errors.x__no_constant*' \
	'argmap.formats.atomic.*' \
	'argmap.formats.temp_names.x__writer_is_dead*' \
	'argmap.formats.temp_names.x__sweep*' \
	'argmap.formats.temp_names.x__own_temp*' \
	'argmap.formats.temp_names.x__removed*' \
	'argmap.formats.temp_names.x_tidy_once*' \
	'argmap.formats.json_scan.*' \
	'argmap.formats.caps.x_json_items*' \
	'argmap.formats.caps.x_too_many*' \
	'argmap.formats.caps.x__items*' \
	'argmap.formats.native.x__check_counts*' \
	'argmap.formats.native.x__check_sizes*' \
	'argmap.formats.native.x_check_reopens*' \
	'argmap.formats.native.x__written*' \
	'argmap.formats.native.x__measure*' \
	'argmap.formats.sniff.*' \
	'argmap.formats.graph.*' \
	'argmap.model.batch.*' \
	'argmap.model.fragment.*' \
	'argmap.formats.fragment.*' \
	'argmap.model.search.*' \
	'argmap.formats.bounded.x_decode_utf8*' \
	$(MUTATE_RENDER)
# the guards of the page, legend and HTML exports (issue 16)
MUTATE_RENDER ?= \
	'argmap.render.paper.x_page*' \
	'argmap.render.paper.x_fit_scale*' \
	'argmap.render.paper.x__tiling*' \
	'argmap.render.page_notes.*' \
	'argmap.render.paper.x_oriented*' \
	'argmap.render.paper.x_clean_title*' \
	'argmap.render.legend.x_with_legend*' \
	'argmap.render.html.x_ref_view*' \
	'argmap.render.html.x__cut*' \
	'argmap.render.html.x_json_block*' \
	'argmap.render.html.x_inline_svg*'

mutate: $(STAMP)
	rm -rf mutants
	QT_QPA_PLATFORM=offscreen $(BIN)/mutmut run --max-children $${MUTATE_JOBS:-2} $(MUTATE)
	$(BIN)/mutmut results
	@$(BIN)/mutmut results --all true | awk -F': ' '$$2 != "not checked" {n[$$2]++; t++} \
		END {printf "mutants: %d", t; for (k in n) printf ", %s %d", k, n[k]; print ""}'
