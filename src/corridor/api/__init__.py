"""HTTP API (FastAPI): thin routers over the services; errors as RFC 9457 problem details."""
