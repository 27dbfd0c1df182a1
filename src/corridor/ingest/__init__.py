"""Reading bulk files (CSV, JSON Lines) row by row, with line numbers for every error, so a
bad row is reported and skipped while the rest is processed."""
