"""engine.calendar"""
