"""craftmap's benchmarks (``python -m bench``): tables of measured figures, never assertions.

``ogc`` (issues 3, 15), ``map`` (issue 4), ``postgis`` (issues 8, 15) and ``goals`` (issue 15's
goals rated from those figures); see ``bench/README.md``.
"""
