# danchu: `make run` starts the demo on SQLite, `make test` runs the whole suite. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
STAMP := $(VENV)/.installed
export DANCHU_DATABASE_URL ?= sqlite:///var/danchu.db

.PHONY: run test install bench fuzz clean frontend browser translations screenshots templates

# The web UI's bpmn-js bundle: npm ci + esbuild when missing or older than its sources (nothing from a CDN).
FRONTEND := web/frontend
BUNDLE := web/static/build/modeler.js
$(BUNDLE): $(FRONTEND)/package-lock.json $(FRONTEND)/build.mjs $(wildcard $(FRONTEND)/src/*) $(wildcard $(FRONTEND)/src/*/*)
	cd $(FRONTEND) && npm ci --no-audit --no-fund && npm run build
	touch $(BUNDLE)

frontend: $(BUNDLE)

# Browser tests drive Debian's Chromium (CI runs as root on Debian).
browser:
	test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# Developers: after changing user-facing text, re-extract and update the English catalog, translate, compile
# (the compiled .mo is committed, so a clean clone needs no step). web/babel.cfg extracts the pages' text and
# every domain error's message and details from the engine and the web (web/message_extraction.py).
translations: install
	$(BIN)/pybabel extract -F web/babel.cfg -o web/translations/messages.pot --no-location --omit-header --sort-output .
	$(BIN)/pybabel update -i web/translations/messages.pot -d web/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d web/translations

# Rewrite the .docx templates of bpmn/ (Decree 30/2020 layout) from their source, tools/decree30_templates.py.
templates: install
	$(BIN)/python tools/decree30_templates.py

# Regenerate docs/screenshots/ from the browser tests.
screenshots: install frontend browser
	DANCHU_SCREENSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider -m browser tests/web

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install frontend
	mkdir -p var
	DANCHU_DEMO=1 $(BIN)/danchu db upgrade
	DANCHU_DEMO=1 $(BIN)/danchu demo --bpmn-dir bpmn
	@echo "danchu on http://127.0.0.1:$(PORT)  (staff: /login, citizens: /cong-dan/, API docs: /api/docs)"
	@echo "demo logins (password danchu-demo): quan_tri, tiep_cong_dan, chu_tich, can_bo_xac_minh, kiem_tra, ..."
	@echo "  second commune: chu_tich.b, tiep_cong_dan.b; province: kiem_tra.tinh, quan_tri.tinh"
	@# the worker (timers, reminders, email) runs beside the server and stops with it
	DANCHU_DEMO=1 $(BIN)/danchu worker & WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DANCHU_DEMO=1 $(BIN)/danchu serve --port $(PORT)

test: install frontend browser
	$(BIN)/python -m pytest -n 2 -q

bench: install
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)

# A long, random schemathesis run over the API (the bounded one is part of `make test`); PostgreSQL too when
# DANCHU_TEST_DATABASE_URL is set. EXAMPLES per operation, mode and user.
EXAMPLES ?= 80
fuzz: install
	DANCHU_FUZZ_EXAMPLES=$(EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/trust/test_property_based_api.py

clean:
	rm -rf $(VENV) var .pytest_cache
