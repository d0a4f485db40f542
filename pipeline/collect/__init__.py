"""See docs/ARCHITECTURE.md for what this stage promises the next."""
