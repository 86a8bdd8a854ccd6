"""Optional compiled helpers (bfs.c, dijkstra.c, label.c, pcg64.c), built by `make install` when a C compiler is present.

Each has a pure-Python or tcod fallback that gives exactly the same results;
the compiled versions only make `dreamscape generate` start sooner.
"""
