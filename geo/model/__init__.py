"""geo/model"""
