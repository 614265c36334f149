"""engine.processes"""
