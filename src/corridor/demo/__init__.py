"""The demo world: a deterministic, realistic data set for trying a node and for tests.

``world.py`` generates plain values from a seed (no I/O); ``load.py`` writes them to a store.
Later features add their own generators beside these and register them in ``load.py``.
"""
