"""Pure Python: models, title normalisation, matching, replies and errors. No discord, no SQL."""
