"""Shared pytest set-up: a headless Matplotlib backend and no stray environment."""

import os

import matplotlib

matplotlib.use("Agg")
os.environ.pop("NNBOOK_STATIC", None)
