"""From upload to publishable: typed and (later) recorded stories, redaction, and review."""
