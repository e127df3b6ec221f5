"""The research tables: every occupation and every unordered pair, as data files.

``analysis export`` writes ``occupations`` (one row per OEWS detailed
occupation), ``pairs`` (every unordered pair, ``soc_a < soc_b``, differences
``a - b``) and a Frictionless ``datapackage.json``. The pairs are computed over
the occupations table with numpy (no per-pair profile or loop), with the same
rules as :mod:`analysis.comparison` so each row holds the numbers ``analysis
compare`` gives for that pair. This stage sits beside ``batch``: it imports
only from ``data``, ``occupations`` and ``comparison``.
"""
