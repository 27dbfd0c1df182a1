"""Application services: each function is one use case, run inside the caller's transaction,
combining domain rules with repositories. API, CLI and web call these, never the store directly."""
