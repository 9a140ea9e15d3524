# The README's commands. Each one sets up what it needs first (scripts/setup.sh is idempotent).
.PHONY: setup demo test lint bench clean

setup:
	@scripts/setup.sh

# The demo's gate fails by design: scripts/demo.sh prints the verdict and exits 0 for it.
DEMO_AUDIT ?= audits/demo.yaml
demo: setup
	.venv/bin/shopper validate audits scenarios scoring probes
	@scripts/demo.sh $(DEMO_AUDIT)

test:
	@scripts/setup.sh --test
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/mypy
	.venv/bin/pytest

lint: setup
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/mypy

bench: setup
	.venv/bin/python benchmarks/bench_timing.py
	.venv/bin/python benchmarks/bench_throughput.py
	.venv/bin/python benchmarks/bench_scoring.py
	.venv/bin/python benchmarks/bench_reports.py
	.venv/bin/python benchmarks/bench_mail_reading.py

clean:
	rm -rf .venv .pytest_cache .mypy_cache .ruff_cache
