"""The multiprocessing context every worker pool of the project uses (sweeps and bot trials)."""

from __future__ import annotations

import multiprocessing
import sys
import threading
from multiprocessing.context import BaseContext


def worker_context() -> BaseContext:
    """A fork where that is safe, else a fork server with the generator preloaded."""
    # A plain fork starts workers at once with the generator already imported,
    # but it is safe only while this process runs no other thread: a child can
    # inherit a lock some thread held at that moment and hang for good (the
    # game's loading and sound threads, in a process that also sweeps). Then
    # workers come from a fork server instead: a clean process, the generator
    # preloaded. Systems with neither keep their default start method.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux") and _threads() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["dreamscape.designer.sweep", "dreamscape.gen"])
        return context
    return multiprocessing.get_context()


def _threads() -> int:
    """Python's threads, plus one once pygame has been loaded.

    SDL runs timer and audio threads of its own (the display, `set_timer`,
    the mixer) that `threading.active_count()` never sees, yet a fork while
    one holds a lock hangs the child all the same, and some outlive
    `pygame.quit()`. So a process that has loaded pygame (the game, the
    studio) counts as threaded. (numpy's BLAS threads are safe: the library
    prepares them for a fork.)
    """
    return threading.active_count() + ("pygame" in sys.modules)
