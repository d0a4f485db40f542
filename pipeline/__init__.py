"""Enforcement Monitor: UK data-protection enforcement, from ICO notices and press coverage to Datasette.

Data flows one way: fetch → parse → extract → link → store → publish (see docs/ARCHITECTURE.md).
"""

__version__ = "0.1.0"
