"""The texts of the Decree 30 templates, one module per process (`tools/decree30_templates.py` lays them out)."""
