"""Text analysis of resident messages: category, location, urgency and complaint likelihood.

Public surface (other packages import only these names)::

    Analyzer, Analysis, Location, Category, load_default_categories, analyze_lines
"""

from bot.analysis.analyzer import Analysis, Analyzer, Location
from bot.analysis.jsonl import analyze_lines
from bot.analysis.taxonomy import Category, load_default_categories

__all__ = [
    "Analysis",
    "Analyzer",
    "Category",
    "Location",
    "analyze_lines",
    "load_default_categories",
]
