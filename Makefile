# The two commands: `make demo` (set up, load the samples, serve the review screen) and
# `make test` (same set-up, then every test). Both work on a fresh Debian machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
export ORDERTAKE_DATA_DIR ?= var/demo

.PHONY: demo test setup system venv lint bench eval eval-heldout eval-html clean

setup: system venv

system:
	@bash scripts/install-system-deps.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ordertake needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $(STAMP)

demo: setup
	@bash scripts/demo.sh "$(HOST)" "$(PORT)"

test: setup
	@bash scripts/ensure-postgres.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: venv
	$(BIN)/ruff check src tests bench samples
	$(BIN)/mypy src

bench: venv
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Accuracy on the committed samples, and on a set they were not tuned on (another seed).
eval: venv
	$(BIN)/ordertake eval samples --jobs 2

# Sets generated with other seeds than the samples. Seeds 7-117, 211, 301-313 and 501-505 have
# all been looked at (115, 117, 211, 311, 313 and 503 with the generator's other layouts; 701 and
# 703 for the email-sheet and email-photo kinds); for an honest measure pass seeds never used
# (HELDOUT_SEEDS="801 803"), HELDOUT_FONT=noto for faxes printed in another typeface than the
# samples, HELDOUT_LAYOUTS=other for order forms the reader was not tuned on.
HELDOUT_SEEDS ?= 7 11 23
HELDOUT_FONT ?= ipa
HELDOUT_LAYOUTS ?= samples
eval-heldout: venv
	@for seed in $(HELDOUT_SEEDS); do \
	  echo "== held-out set, seed $$seed"; \
	  $(BIN)/python -m samples.generator --seed $$seed --raster-font $(HELDOUT_FONT) \
	    --layouts $(HELDOUT_LAYOUTS) --out build/heldout$$seed >/dev/null && \
	  $(BIN)/ordertake eval build/heldout$$seed --jobs 2 || exit 1; \
	done

# Order forms laid out and printed by Chromium from HTML (samples/generator/html_forms.py):
# another renderer and PDF writer than the generator's, as PDFs and faxes. Seeds 401-405 and 601
# have been looked at; pass others (HTML_SEEDS="801").
HTML_SEEDS ?= 401
eval-html: venv
	@for seed in $(HTML_SEEDS); do \
	  echo "== Chromium-printed forms, seed $$seed"; \
	  $(BIN)/python -m samples.generator.html_forms --seed $$seed --out build/html$$seed && \
	  $(BIN)/ordertake eval build/html$$seed --jobs 2 || exit 1; \
	done

clean:
	rm -rf $(VENV) var build
