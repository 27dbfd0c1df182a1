"""Border crossings: the rules that turn entries and exits into stays, anomalies and
companions. The bulk engine (``engines/crossings``) carries them out in SQL."""
