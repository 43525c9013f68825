# Development tasks; `pip install -e '.[dev]'` first.
.PHONY: lint test examples golden

lint:
	ruff check .
	ruff format --check .
	mypy

test:
	python -m pytest

examples:
	python examples/make_examples.py

golden:
	LTL_PLAN_UPDATE_GOLDEN=1 python -m pytest tests/test_example.py
