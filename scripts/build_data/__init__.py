"""Build craftmap's shipped dataset: data/*.geojson, data/sources.csv and data/README.md.

Inputs: the MIT commune polygons and the 2025 merge table in ``<shared>/data/boundaries`` (nothing from
``reference-gpl/``), plus the sourced facts in ``facts/`` (YAML records and ``sources.csv``); every record
cites ids of ``sources.csv``. A figure that no source gives is null. Run from the repository root:

    .venv/bin/python -m scripts.build_data [--shared ../shared]
"""
