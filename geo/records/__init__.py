"""geo/records"""
