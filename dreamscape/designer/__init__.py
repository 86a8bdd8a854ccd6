"""Designer tools over the generator: metrics, seed sweeps, the --where language, range plots and the vocabulary of effects."""
