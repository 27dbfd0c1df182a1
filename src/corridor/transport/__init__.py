"""Node-to-node transport: the node's Ed25519 key, RFC 9421 signatures, the partner client."""
