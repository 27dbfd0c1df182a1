"""The rules of stays, anomalies and companions, as named constants.

Valid rows: a timestamp in ISO 8601 with a UTC offset and a real date and time, a known
crossing point, a document number and issuing state. A document's key is
``ISSUING_STATE:DOCUMENT_NUMBER``; its crossings are ordered by instant, ties by id. A
crossing's local date is the date written in its timestamp (the point's own date). A foreigner
at a point of country C is someone whose nationality is not C.

- Stay: an entry of a foreigner; its exit is the document's next crossing in that country if
  that is an exit. Permitted until = local entry date + permitted days - 1.
- impossible_travel: consecutive crossings (all countries) at different points faster than
  ``MAX_SPEED_KMH`` great-circle, or at most ``NEAR_MINUTES`` apart unless the two points are
  the two ends of one land crossing (land points of different countries under
  ``LAND_PAIR_KM`` apart). The later crossing is flagged.
- double_entry: an entry whose previous crossing in that country was an entry.
- exit_without_entry: a foreigner's exit with no earlier entry into that country, when the
  data covers the whole permit before it (exit date - permitted days + 1 >= first date).
- minor_without_guardian: a minor (before their 18th birthday; 29 February counts as 1 March)
  with no adult companion of their family name (the first word of the name). Companions: other
  documents at the same point and direction on the same booking, or the same carrier within
  ``COMPANION_MINUTES`` either way.
"""

from __future__ import annotations

EARTH_RADIUS_KM = 6371.0
MAX_SPEED_KMH = 1000.0
NEAR_MINUTES = 30
LAND_PAIR_KM = 10.0
COMPANION_MINUTES = 15
ADULT_AGE = 18
YOUNG_WOMAN_AGES = (18, 25)

# Companion score: each trip adds its vulnerable companions (minors count MINOR_WEIGHT, women
# of 18-25 one) who do not share the traveller's family name, divided by the square of the
# trip's group size: an escort crosses with one to four such people at a time, a tour guide
# with a group of twenty, a flight crew with a whole flight. Crew permits count CREW_WEIGHT.
MINOR_WEIGHT = 1.5
GROUP_EXPONENT = 2.0
CREW_WEIGHT = 0.1
