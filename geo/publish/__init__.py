"""geo/publish"""
