"""Stage 3, comparison: the gaps between two occupations and their uncertainty."""
