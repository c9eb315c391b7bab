"""geo/spatial"""
