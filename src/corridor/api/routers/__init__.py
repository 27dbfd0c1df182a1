"""One router per API noun."""
