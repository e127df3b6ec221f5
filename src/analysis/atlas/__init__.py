"""The atlas: every occupation and its nearest neighbours as one offline static site.

Stage above :mod:`analysis.batch` (it renders the pair reports through the batch
runner) and below the CLI. ``plan`` picks occupations and pairs, ``figures``
ranks every occupation's headline figures, ``search`` builds the front page's
search index, ``pages`` renders the pages, ``state`` decides which are out of
date, ``site`` runs it all (``analysis atlas``).
"""
