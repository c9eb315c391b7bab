"""geo/i18n"""
