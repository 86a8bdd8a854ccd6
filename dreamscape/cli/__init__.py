"""The `dreamscape` command line: thin front ends over gen, sim and the metrics."""
