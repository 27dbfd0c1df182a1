"""Reference data shipped with the package (codes, names, rules), loaded by the domain."""
