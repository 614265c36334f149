"""engine.definitions"""
