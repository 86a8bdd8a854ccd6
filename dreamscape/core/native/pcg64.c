/* PCG64's raw words (XSL-RR 128/64), many at a time.
 *
 * The same words as numpy.random.PCG64.random_raw(n) from the same state
 * (dreamscape/core/pcg64.py computes them in numpy when this is not built).
 *
 * state: {high, low} 64-bit halves of the 128-bit state, advanced in place.
 * inc:   {high, low} halves of the increment (odd).
 */
#include <stdint.h>

typedef unsigned __int128 u128;

void dreamscape_pcg64_words(uint64_t *state, const uint64_t *inc, int64_t n, uint64_t *out)
{
    const u128 mult = ((u128)0x2360ED051FC65DA4ULL << 64) | 0x4385DF649FCCF645ULL;
    const u128 c = ((u128)inc[0] << 64) | inc[1];
    u128 s = ((u128)state[0] << 64) | state[1];
    for (int64_t i = 0; i < n; i++) {
        s = s * mult + c;
        const uint64_t x = (uint64_t)(s >> 64) ^ (uint64_t)s;
        const unsigned rot = (unsigned)(s >> 122);
        out[i] = (x >> rot) | (x << ((64 - rot) & 63));
    }
    state[0] = (uint64_t)(s >> 64);
    state[1] = (uint64_t)s;
}
