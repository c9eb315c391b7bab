"""geo/store/postgis"""
