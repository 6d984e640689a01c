"""Bytes to text (and tables): one module per file format."""
