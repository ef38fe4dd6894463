# newsbrief: `make brief` writes a briefing of the bundled sample, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The Jupyter kernel spec `newsbrief`: this venv's Python, for reports, the corpus
# briefing and JupyterLab. --sys-prefix keeps it inside .venv, so it names this
# checkout's environment only and goes with `make clean`.
KERNEL_NAME := newsbrief
KERNEL_SPEC := $(VENV)/share/jupyter/kernels/$(KERNEL_NAME)/kernel.json
ARTICLE ?= data/articles/china-russia-joint-exercise.txt
REPORTS ?= reports

.PHONY: setup brief test lab bench lint format browser clean

setup: $(STAMP) $(KERNEL_SPEC)

# Re-installs only when the dependency list changes, so repeated targets start at once.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# ipykernel replaces a spec of the same name, so this is safe to repeat.
$(KERNEL_SPEC): $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL_NAME) --display-name $(KERNEL_NAME)

brief: setup
	$(BIN)/newsbrief report $(ARTICLE) --out $(REPORTS)

# One test process per core (at most four), each test file whole in one of them, so
# a file's shared fixtures (a parsed sample, a rendered report) are built once.
test: setup browser
	$(BIN)/python -m pytest -n auto --maxprocesses 4 --dist loadfile

# JupyterLab at the project root, so notebooks/, data/ and reports/ are all in reach.
# It refuses to run as root unless told; containers often run as root.
lab: setup
	$(BIN)/jupyter lab --notebook-dir="$(CURDIR)" $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: setup
	$(BIN)/python benchmarks/run_all.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Headless Chromium checks that hostile article text never runs in a report.
# Installing it needs root and Debian's registry; without them that one test
# skips and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	    >/dev/null 2>&1; } || echo "chromium not installed: the browser test will skip"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
