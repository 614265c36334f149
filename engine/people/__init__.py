"""engine.people"""
