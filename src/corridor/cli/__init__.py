"""The ``corridor`` command (Typer): administration and batch work, one module per noun."""
