"""Screening: is this traveller someone an agency is looking for? Pure logic: records,
date and name evidence, scoring with explanations, a candidate index, thresholds."""
