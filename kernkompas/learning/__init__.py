"""Stedelijk leren: a learning programme of thematic sessions and intervision, registration with a waiting list,
calendar files, materials, theme suggestions, a quarterly newsletter and a personal digest (seeds 002 and 003)."""
