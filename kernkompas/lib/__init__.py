"""Framework-free helpers: no Django imports here, so each can be tested and reused on its own."""
