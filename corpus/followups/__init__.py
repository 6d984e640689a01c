"""Follow-ups: who agreed to do what, read from minutes and action logs, linked across meetings,
closed by evidence or by an officer.

extract (sentences → commitments) → owners (who) → derive (one follow-up per commitment, its
history, its status) → views (read back for people and tools).
"""
