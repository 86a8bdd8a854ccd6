"""Core data: vocabulary, profiles, level specs, tiles, RNG streams, hashing."""
