"""Repositories: the only code that queries the store. Every query over an agency's records
takes the agency id, so scoping cannot be forgotten by a caller."""
