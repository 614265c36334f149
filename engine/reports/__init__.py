"""engine.reports"""
