# danchu: `make run` starts the demo on SQLite, `make test` runs the whole suite. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
STAMP := $(VENV)/.installed
export DANCHU_DATABASE_URL ?= sqlite:///var/danchu.db

.PHONY: run test install bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	DANCHU_DEMO=1 $(BIN)/danchu db upgrade
	DANCHU_DEMO=1 $(BIN)/danchu demo --bpmn-dir bpmn
	@echo "danchu on http://127.0.0.1:$(PORT)  (API docs: http://127.0.0.1:$(PORT)/api/docs)"
	@echo "demo logins (password danchu-demo): quan_tri, tiep_cong_dan, chu_tich, can_bo_xac_minh, kiem_tra, ..."
	@echo "  second commune: chu_tich.b, tiep_cong_dan.b; province: kiem_tra.tinh, quan_tri.tinh"
	DANCHU_DEMO=1 $(BIN)/danchu serve --port $(PORT)

test: install
	$(BIN)/python -m pytest -n 2 -q

bench: install
	$(BIN)/python -m bench.run $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) var .pytest_cache
