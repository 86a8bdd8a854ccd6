/* Breadth-first walking distance over a grid: 4-connected, unit steps.
 *
 * The generator's distance fields all have unit costs, where a breadth-first
 * search gives the same distances as tcod's Dijkstra (a shortest walk has one
 * length whatever finds it) in a fraction of the time: no heap, one pass.
 * dreamscape/core/native/loader.py loads this when `make install` has built it
 * and falls back to tcod when it has not.
 *
 * dist:  h*w int32, 0 at the roots and INT32_MAX everywhere else; filled in place.
 * walk:  h*w int8, nonzero where a walker may step (a root need not be walkable).
 * queue: h*w int32 of scratch space (each tile is queued at most once).
 */
#include <stdint.h>

int dreamscape_bfs4(int32_t *dist, const int8_t *walk, int32_t h, int32_t w, int32_t *queue)
{
    const int64_t n = (int64_t)h * w;
    int64_t head = 0, tail = 0;
    for (int64_t i = 0; i < n; i++)
        if (dist[i] == 0)
            queue[tail++] = (int32_t)i;
    while (head < tail) {
        const int32_t i = queue[head++];
        const int32_t d = dist[i] + 1;
        const int32_t y = i / w, x = i - y * w;
        if (x > 0 && walk[i - 1] && dist[i - 1] > d) { dist[i - 1] = d; queue[tail++] = i - 1; }
        if (x < w - 1 && walk[i + 1] && dist[i + 1] > d) { dist[i + 1] = d; queue[tail++] = i + 1; }
        if (y > 0 && walk[i - w] && dist[i - w] > d) { dist[i - w] = d; queue[tail++] = i - w; }
        if (y < h - 1 && walk[i + w] && dist[i + w] > d) { dist[i + w] = d; queue[tail++] = i + w; }
    }
    return 0;
}

/* The nearest of n target tiles by walking distance from one root tile, by a
 * breadth-first search that stops at the first distance where a target is
 * reached: the nearest-first tour needs only that one, not a whole field.
 *
 * dist must come in as INT32_MAX everywhere; queue is h*w int32 of scratch.
 * Returns the lowest k among the nearest targets (the order a full field's
 * argmin picks) with its distance in *steps, or -1 when none is reachable.
 */
int64_t dreamscape_nearest4(int32_t *dist, const int8_t *walk, int32_t h, int32_t w, int32_t root,
                            const int32_t *targets, int64_t n, int32_t *queue, int32_t *steps)
{
    int64_t head = 0, tail = 0;
    dist[root] = 0;
    queue[tail++] = root;
    for (int32_t level = 0; head < tail; level++) {
        /* Everything at distance `level` is in the queue now (the root, or the last level's neighbours). */
        for (int64_t k = 0; k < n; k++)
            if (dist[targets[k]] == level) {
                *steps = level;
                return k;
            }
        const int64_t end = tail;
        const int32_t d = level + 1;
        while (head < end) {
            const int32_t i = queue[head++];
            const int32_t y = i / w, x = i - y * w;
            if (x > 0 && walk[i - 1] && dist[i - 1] > d) { dist[i - 1] = d; queue[tail++] = i - 1; }
            if (x < w - 1 && walk[i + 1] && dist[i + 1] > d) { dist[i + 1] = d; queue[tail++] = i + 1; }
            if (y > 0 && walk[i - w] && dist[i - w] > d) { dist[i - w] = d; queue[tail++] = i - w; }
            if (y < h - 1 && walk[i + w] && dist[i + w] > d) { dist[i + w] = d; queue[tail++] = i + w; }
        }
    }
    return -1;
}
