"""Stage 1, data: parse the official raw files, build ``data/``, load it back."""
