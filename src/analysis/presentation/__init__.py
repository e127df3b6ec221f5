"""Stage 4, presentation: sentences, tables, figures and templates readers see."""
