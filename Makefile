# The README's commands. Each one sets up what it needs first (scripts/setup.sh is idempotent).
.PHONY: setup demo test lint bench clean

setup:
	@scripts/setup.sh

demo: setup
	.venv/bin/shopper validate audits scenarios scoring probes
	.venv/bin/shopper run audits/demo.yaml

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
