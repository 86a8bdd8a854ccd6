"""File formats: level JSON, atomic writes."""
