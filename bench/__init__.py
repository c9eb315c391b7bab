"""craftmap's benchmarks (``python -m bench``): tables of measured figures, never assertions.

``ogc`` (issue 3), ``map`` (issue 4) and ``postgis`` (issue 8); see ``bench/README.md``.
"""
