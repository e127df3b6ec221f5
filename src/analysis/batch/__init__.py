"""Stage 5, batch: render notebooks into reports with papermill and nbconvert, many at once."""
