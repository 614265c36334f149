"""engine.cases"""
