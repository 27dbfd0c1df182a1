"""The API contract: request and response models, separate from the database rows."""
