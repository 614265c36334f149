"""engine.core"""
