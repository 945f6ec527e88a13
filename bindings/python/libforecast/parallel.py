"""(filled in by a later increment of issue 10)."""
__all__ = []
