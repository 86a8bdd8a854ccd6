/* Weighted walking distance over a grid (4-connected) and the hill climb down it.
 *
 * The same results as tcod.path.dijkstra2d(dist, cost, 1, 0) and
 * tcod.path.hillclimb2d(dist, start, True, False) (tests/test_native_paths.py
 * holds them side by side): shortest distances have one value whatever finds
 * them, and the climb takes the lowest neighbour, ties to the first of
 * north, south, west, east, stopping where none is strictly lower.
 */
#include <stdint.h>

static void push(int64_t *heap, int64_t *size, int64_t key)
{
    int64_t i = (*size)++;
    while (i > 0) {
        const int64_t parent = (i - 1) / 2;
        if (heap[parent] <= key)
            break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = key;
}

static int64_t pop(int64_t *heap, int64_t *size)
{
    const int64_t top = heap[0];
    const int64_t last = heap[--(*size)];
    int64_t i = 0;
    for (;;) {
        int64_t child = 2 * i + 1;
        if (child >= *size)
            break;
        if (child + 1 < *size && heap[child + 1] < heap[child])
            child++;
        if (heap[child] >= last)
            break;
        heap[i] = heap[child];
        i = child;
    }
    if (*size > 0)
        heap[i] = last;
    return top;
}

/* dist: h*w int32, the starting values (INT32_MAX = not a start); lowered in place.
 * cost: h*w int32, the price of stepping onto a tile (0 or less: no entry).
 * heap: scratch space of 5*h*w int64 (every tile once as a start, then at most four pushes each).
 * Returns 0, or -1 if a distance would pass INT32_MAX. */
int dreamscape_dijkstra4(int32_t *dist, const int32_t *cost, int32_t h, int32_t w, int64_t *heap)
{
    const int64_t n = (int64_t)h * w;
    int64_t size = 0;
    for (int64_t i = 0; i < n; i++)
        if (dist[i] != INT32_MAX)
            push(heap, &size, ((int64_t)dist[i] << 32) | i);
    while (size > 0) {
        const int64_t key = pop(heap, &size);
        const int32_t i = (int32_t)(key & 0xFFFFFFFF);
        const int32_t d = (int32_t)(key >> 32);
        if (d != dist[i])
            continue; /* a stale entry: this tile was reached more cheaply since */
        const int32_t y = i / w, x = i - y * w;
        const int32_t around[4] = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
        for (int k = 0; k < 4; k++) {
            const int32_t j = around[k];
            if (j < 0 || cost[j] <= 0)
                continue;
            const int64_t nd = (int64_t)d + cost[j];
            if (nd >= INT32_MAX)
                return -1;
            if (nd < dist[j]) {
                dist[j] = (int32_t)nd;
                push(heap, &size, (nd << 32) | j);
            }
        }
    }
    return 0;
}

/* The (i, j) tiles from (i, j) down to the lowest point: `out` holds 2*h*w int32.
 * Returns the number of tiles. */
int64_t dreamscape_hillclimb4(const int32_t *dist, int32_t h, int32_t w, int32_t i, int32_t j, int32_t *out)
{
    int64_t length = 0;
    for (;;) {
        out[2 * length] = i;
        out[2 * length + 1] = j;
        length++;
        const int32_t here = dist[(int64_t)i * w + j];
        int32_t best = here, bi = i, bj = j;
        const int32_t steps[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        for (int k = 0; k < 4; k++) {
            const int32_t ni = i + steps[k][0], nj = j + steps[k][1];
            if (ni < 0 || ni >= h || nj < 0 || nj >= w)
                continue;
            const int32_t v = dist[(int64_t)ni * w + nj];
            if (v < best) {
                best = v;
                bi = ni;
                bj = nj;
            }
        }
        if (best == here)
            return length;
        i = bi;
        j = bj;
    }
}
