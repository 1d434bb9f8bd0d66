"""The clerk's review screen and the JSON API behind it (FastAPI, server-rendered Jinja2)."""
