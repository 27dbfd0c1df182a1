"""Identity resolution: one person across every agency's records. Pairs are scored with the
screening comparison (names, dates, sex, nationality, documents) plus phones; entities form
without chaining strangers through one weak link."""
