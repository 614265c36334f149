"""engine.portal"""
