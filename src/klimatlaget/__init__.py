"""Klimatläget: climate targets, emissions and Paris pathways for Swedish municipalities."""

__version__ = "0.1.0"
