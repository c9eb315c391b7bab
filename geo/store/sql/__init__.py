"""geo/store/sql"""
