"""Bulk engines: whole files or tables at once. Each engine runs the same domain scoring as a
single check does; the local engine spreads the work over this machine's cores."""
