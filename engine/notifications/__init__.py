"""engine.notifications"""
