"""danchu's benchmark harness: `make bench` (or `make bench QUICK=1`) runs `python -m bench.run`.

Nothing here runs in `make test`: timings depend on the machine. The targets of issue 7 are checked by the
harness itself and printed as PASS/FAIL (`bench/targets.py`).
"""
