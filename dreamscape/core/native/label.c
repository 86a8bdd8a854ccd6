/* 4-connected components of a grid mask, numbered as scipy.ndimage.label numbers them.
 *
 * The reachability invariant asks, many times a map, whether a few tiles
 * share a component; numpy answers with a union-find over runs in whole
 * arrays (gen/components.py), this with the classic two passes in map
 * order. The first joins every set tile to its set neighbours on the left
 * and above, always keeping the smaller index as the root, so a component's
 * root is its first tile in map order. The second numbers the roots as it
 * meets them: components are numbered in the order of their first tile, as
 * the numpy code and scipy number them.
 *
 * labels: h*w int32 out: 1..count on set tiles, 0 elsewhere.
 * mask:   h*w int8, nonzero where set.
 * parent: h*w int32 of scratch space.
 * Returns the number of components.
 *
 * dreamscape_components4 answers for a few tiles only, after the first pass.
 */
#include <stdint.h>

static int32_t root(int32_t *parent, int32_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]]; /* path halving: later finds are shorter */
        i = parent[i];
    }
    return i;
}

static void join(int32_t *parent, int32_t a, int32_t b)
{
    a = root(parent, a);
    b = root(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

static void join_all(const int8_t *mask, int32_t h, int32_t w, int32_t *parent)
{
    for (int32_t y = 0; y < h; y++) {
        const int32_t row = y * w;
        for (int32_t x = 0; x < w; x++) {
            const int32_t i = row + x;
            if (!mask[i])
                continue;
            parent[i] = i;
            if (x > 0 && mask[i - 1])
                parent[i] = root(parent, i - 1);
            if (y > 0 && mask[i - w])
                join(parent, i, i - w);
        }
    }
}

int32_t dreamscape_label4(int32_t *labels, const int8_t *mask, int32_t h, int32_t w, int32_t *parent)
{
    join_all(mask, h, w, parent);
    int32_t count = 0;
    const int64_t n = (int64_t)h * w;
    for (int64_t i = 0; i < n; i++) {
        if (!mask[i]) {
            labels[i] = 0;
            continue;
        }
        const int32_t r = root(parent, (int32_t)i);
        labels[i] = r == i ? ++count : labels[r]; /* r <= i: its label is set */
    }
    return count;
}

/* For each of n tiles (flat indices), an id of its component: 1 + the index
 * of the component's first tile, 0 on an unset tile. Two tiles get the same
 * id exactly when they are connected. The first pass alone: the invariant
 * asks about a few tiles, so no tile is numbered. */
void dreamscape_components4(const int8_t *mask, int32_t h, int32_t w, int32_t *parent, const int64_t *tiles, int64_t n, int32_t *ids)
{
    join_all(mask, h, w, parent);
    for (int64_t k = 0; k < n; k++)
        ids[k] = mask[tiles[k]] ? root(parent, (int32_t)tiles[k]) + 1 : 0;
}
