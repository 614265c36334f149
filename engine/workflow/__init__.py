"""engine.workflow"""
