"""engine.trust"""
