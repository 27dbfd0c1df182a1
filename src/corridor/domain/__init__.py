"""Domain logic: plain values and rules, with no HTTP, SQL or file I/O."""
