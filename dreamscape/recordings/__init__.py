"""Recording runs as they are played and verifying them by replay."""
