"""Travel documents: ICAO 9303 machine-readable zones and the document registry's rules."""
