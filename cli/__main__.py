"""`python -m cli`: the `danchu` command (how `danchu serve` starts itself again with its metrics folder)."""
from .main import main

main(prog_name="danchu")
