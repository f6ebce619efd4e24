"""Insights: today's plan (``plan``), n-of-1 associations (``series``, ``stats``, ``associations``) and
structured experiments (``experiments``, ``experiment_store``). See docs/insights.md."""
