# Two commands set everything up on a fresh machine with Python 3.11+:
#   make play   - create .venv, install, start the game
#   make test   - create .venv, install, run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The generator's compiled helpers (optional: without a C compiler the same
# levels come from tcod and numpy, with a slower start).
CC     ?= cc
NATIVE := dreamscape/core/native/_native.so

.PHONY: play test bench install clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,cluster,designer]'
	@touch $(STAMP)

$(NATIVE): dreamscape/core/native/bfs.c dreamscape/core/native/dijkstra.c dreamscape/core/native/label.c dreamscape/core/native/pcg64.c
	@$(CC) -O2 -shared -fPIC -o $@.tmp $^ && mv $@.tmp $@ || { rm -f $@.tmp $@; echo "note: no working C compiler ($(CC)): the generator uses tcod and numpy instead (the same levels, a slower start)"; }

install: $(STAMP) $(NATIVE)

play: $(STAMP) $(NATIVE)
	$(BIN)/dreamscape play $(ARGS)

test: $(STAMP) $(NATIVE)
	$(BIN)/ruff check dreamscape tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(STAMP) $(NATIVE)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache $(NATIVE)
