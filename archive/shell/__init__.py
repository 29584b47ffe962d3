"""The app shell: the factory and its ``configure_*`` steps, the command line, the demo, and the admin
dashboard. The only modules that import every area (``archive``'s base and library, ``ingest``,
``consent``); nothing imports them but the entry points (``archive.create_app``, ``story-archive``).
"""
