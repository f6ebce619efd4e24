"""Lifestyle levers of norepinephrine: exercise, sleep, stress and practices, self-ratings.

Pure functions over value objects (no database, no printing); the journal stores the records.
"""
