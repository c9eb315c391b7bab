"""geo/store/gpkg"""
