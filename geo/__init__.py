"""craftmap's domain library: layers, storage, CRS and analysis, free of web and map code."""

__version__ = "0.1.0"
