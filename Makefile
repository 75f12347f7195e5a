# The briefing site. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CONTENT ?= content
ADDR ?= 127.0.0.1:8000
ENGINE ?= mkdocs
CHROMIUM := /usr/bin/chromium
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
SCALE ?= 10
KIND ?=
NAME ?=
FILE ?=
DATE ?=
SOURCE ?=
OUTLET ?=
DEST ?=
UPDATE ?=
COUNTRY ?= Iraq
.PHONY: help site dossiers compress serve check report fields lint goldens test test-fast clean suggest corpus bench new import-acled deploy

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# followthemoney (the open-data export) reads names through PyICU, which PyPI ships as source
# only: it builds against the system's ICU, installed from apt when its headers are missing
$(VENV)/.installed: pyproject.toml
	@pkg-config --exists icu-i18n 2>/dev/null || { \
	  echo "Installing Debian's ICU headers (libicu-dev) to build PyICU..."; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config g++; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq libicu-dev pkg-config g++; fi; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

DOSSIERS ?= build/dossiers
DOCS_DIR ?= build/docs
SITE_DIR ?= site
site: $(VENV)/.installed ## generate the pages and build the whole site into site/
	BRIEFING_DOSSIERS=$(wildcard $(DOSSIERS)) $(PY) -m generator --content $(CONTENT) site \
	  --out $(DOCS_DIR) --site-dir $(SITE_DIR) --engine $(ENGINE)

dossiers: $(VENV)/.dossiers ## each profile as a PDF in build/dossiers/ (WeasyPrint), then site/ linking them
	$(PY) -m generator --content $(CONTENT) site --out $(DOCS_DIR) --site-dir $(SITE_DIR) --engine $(ENGINE)
	rm -rf $(DOSSIERS)
	$(PY) -m generator --content $(CONTENT) dossiers --site-dir $(SITE_DIR) --out $(DOSSIERS)
	BRIEFING_DOSSIERS=$(DOSSIERS) $(PY) -m generator --content $(CONTENT) site \
	  --out $(DOCS_DIR) --site-dir $(SITE_DIR) --engine $(ENGINE)
$(VENV)/.dossiers: $(VENV)/.installed pyproject.toml
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || { echo "WeasyPrint needs Debian's pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; }
	$(VENV)/bin/pip install --quiet -e '.[dossiers]'
	touch $@

compress: ## pre-compress site/ for nginx gzip_static: a .gz beside every text file (docs/publishing.md)
	find site -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.json' -o -name '*.svg' \
	  -o -name '*.xml' -o -name '*.geojson' -o -name '*.csv' -o -name '*.txt' \) -size +1k -print0 \
	  | xargs -0 -r gzip -9 -k -f -n

# ENGINE=zensical: Material's successor builds the same site; installed on first use
ifeq ($(ENGINE),zensical)
site: $(VENV)/.zensical
endif
$(VENV)/.zensical: $(VENV)/.installed pyproject.toml
	$(VENV)/bin/pip install --quiet -e '.[zensical]'
	touch $@

serve: $(VENV)/.installed ## preview at http://$(ADDR), regenerating on every edit
	$(PY) -m generator --content $(CONTENT) serve --addr $(ADDR)

STRICT ?=
check: $(VENV)/.installed ## validate the content only: every problem as path:line (STRICT=1: gaps are errors)
	$(PY) -m generator --content $(CONTENT) check $(if $(STRICT),--strict)

report: $(VENV)/.installed ## the curator's report: documents without url, unsourced facts, uncited prose
	$(PY) -m generator --content $(CONTENT) report

fields: $(VENV)/.installed ## rewrite docs/fields.md, the field reference, from the schema
	$(PY) -m generator fields

LIMIT ?= 40
suggest: $(VENV)/.installed ## names (Latin and Arabic) no alias covers, most frequent first: make suggest LIMIT=100
	$(PY) -m generator --content $(CONTENT) suggest --limit $(LIMIT)

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests..."
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

# axe-core for the accessibility tests, from npm at test time (pinned in package-lock.json)
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.installed $(VENV)/.zensical $(VENV)/.dossiers $(CHROMIUM) $(AXE) ## run every test, browser and scale groups included
	$(PY) -m pytest -q

goldens: $(VENV)/.installed ## rewrite tests/fixtures/minimal-golden after an intended change to the pages
	UPDATE_GOLDENS=1 $(PY) -m pytest -q tests/test_goldens.py

lint: $(VENV)/.installed ## ruff and mypy over generator/ and tests/
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/mypy

test-fast: $(VENV)/.installed ## the tests without the browser and scale groups
	$(PY) -m pytest -q -m "not browser and not slow"

corpus: $(VENV)/.installed ## write a synthetic content tree SCALE times the bundled one under build/
	$(PY) -m generator --content $(CONTENT) corpus --scale $(SCALE)

EDIT_SCALES ?= 1 20 100
bench: $(VENV)/.installed ## linking accuracy; the generator and MkDocs at 1x, 10x, 100x and with 5,000 ACLED incidents; edit to visible in the preview
	$(PY) bench/link_accuracy.py
	$(PY) bench/run.py
	$(PY) bench/edit_to_visible.py --scales "$(EDIT_SCALES)"

new: $(VENV)/.installed ## scaffold a file: make new KIND=militia|leader|document|incident NAME="..."
	$(PY) -m generator --content $(CONTENT) new --kind "$(KIND)" --name "$(NAME)" \
	  $(if $(DATE),--date "$(DATE)") $(if $(SOURCE),--source "$(SOURCE)") $(if $(OUTLET),--outlet "$(OUTLET)")

import-acled: $(VENV)/.installed ## ACLED export -> incident files: make import-acled FILE=x.csv [UPDATE=1] [COUNTRY=Iraq]
	$(PY) -m generator --content $(CONTENT) import-acled "$(FILE)"$(if $(UPDATE), --update) --country "$(COUNTRY)"

deploy: site ## copy site/ to a static host folder or rsync target: make deploy DEST=user@host:/var/www/briefing
	@test -n "$(DEST)" || { echo "usage: make deploy DEST=<folder or rsync target>"; exit 2; }
	rsync -a --delete --checksum site/ "$(DEST)/"

clean: ## remove generated files (build/, site/), keeping the virtual environment
	rm -rf build site .site.building .site.previous .pytest_cache
