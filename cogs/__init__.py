"""Garant cogs: features written once against the neutral model."""
