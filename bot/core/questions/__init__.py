"""Plain-language questions about films, parsed into structured queries (no catalogue needed)."""

from bot.core.questions.model import (
    Field,
    Filters,
    Intent,
    Order,
    Query,
    Role,
    Topic,
    YearRange,
)
from bot.core.questions.parser import parse

__all__ = ["Field", "Filters", "Intent", "Order", "Query", "Role", "Topic", "YearRange", "parse"]
