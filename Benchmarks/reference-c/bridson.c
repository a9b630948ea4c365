/*
 * Plain-C Bridson (2007) Poisson-disk fill of a side x side square at radius r: the yardstick
 * for Stipple's sampler in Benchmarks/compare. Same algorithm family as Stipple's uniform case:
 * background grid of cell r/sqrt(2) (one point per cell), k candidates per active point drawn
 * uniformly in direction (rejection in the unit disc) at distance uniform in [r, 2r), random
 * active-list pick, row-by-row scan seeding. No variable radius, no thinning, no existing dots.
 *
 * Build: gcc -O2 -o bridson bridson.c -lm
 * Usage: bridson SIDE_MM RADIUS_MM [ATTEMPTS=20] [REPEAT=5] [DUMP_FILE]
 * Prints: task=poisson-c points=N seconds=S cpu_seconds=C rate=R   (medians of REPEAT runs)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t s[4];
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next(void) { /* xoshiro256** */
    uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return r;
}
static void seed(uint64_t x) { /* splitmix64 */
    for (int i = 0; i < 4; i++) { x += 0x9e3779b97f4a7c15ULL; uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL; z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL; s[i] = z ^ (z >> 31); }
}
static inline double unit(void) { return (double)(next() >> 11) * 0x1p-53; }

typedef struct { double x, y; } pt;

static size_t fill(double side, double r, int k, pt **out) {
    double cell = r / sqrt(2.0), inv = 1 / cell, r2 = r * r;
    int w = (int)ceil(side * inv);
    int32_t *grid = malloc(sizeof(int32_t) * (size_t)w * w);
    for (size_t i = 0; i < (size_t)w * w; i++) grid[i] = -1;
    size_t cap = (size_t)w * w / 2 + 16, n = 0, na = 0;
    pt *p = malloc(sizeof(pt) * cap);
    int32_t *active = malloc(sizeof(int32_t) * cap);
#define TRY(qx, qy) ({ int ok = 0; double _x = (qx), _y = (qy); \
    if (_x >= 0 && _x < side && _y >= 0 && _y < side) { \
        int c = (int)(_x * inv), rr = (int)(_y * inv); ok = 1; \
        for (int yy = rr - 2; yy <= rr + 2 && ok; yy++) { if (yy < 0 || yy >= w) continue; \
            for (int xx = c - 2; xx <= c + 2; xx++) { if (xx < 0 || xx >= w) continue; \
                int32_t j = grid[yy * w + xx]; if (j < 0) continue; \
                double dx = p[j].x - _x, dy = p[j].y - _y; if (dx * dx + dy * dy < r2) { ok = 0; break; } } } \
        if (ok) { if (n == cap) { cap *= 2; p = realloc(p, sizeof(pt) * cap); active = realloc(active, sizeof(int32_t) * cap); } \
            p[n].x = _x; p[n].y = _y; grid[rr * w + c] = (int32_t)n; active[na++] = (int32_t)n; n++; } } ok; })
    for (int row = 0; row < w; row++) for (int col = 0; col < w; col++) {
        if (grid[row * w + col] >= 0) continue;
        if (!TRY((col + unit()) * cell, (row + unit()) * cell)) continue;
        while (na > 0) {
            size_t a = (size_t)(unit() * na);
            pt c = p[active[a]];
            int found = 0;
            for (int t = 0; t < k && !found; t++) {
                double ux = unit() * 2 - 1, uy = unit() * 2 - 1, q = ux * ux + uy * uy;
                if (q > 1 || q < 1e-6) continue;
                double d = r * (1 + unit()) / sqrt(q);
                found = TRY(c.x + ux * d, c.y + uy * d);
            }
            if (!found) active[a] = active[--na];
        }
    }
    free(grid); free(active);
    *out = p;
    return n;
}

static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: bridson SIDE_MM RADIUS_MM [ATTEMPTS] [REPEAT] [DUMP]\n"); return 64; }
    double side = atof(argv[1]), r = atof(argv[2]);
    int k = argc > 3 ? atoi(argv[3]) : 20, reps = argc > 4 ? atoi(argv[4]) : 5;
    double *times = malloc(sizeof(double) * reps), *cpu = malloc(sizeof(double) * reps);
    size_t n = 0; pt *p = NULL;
    for (int i = 0; i < reps; i++) {
        if (p) free(p);
        seed(42);
        struct timespec t0, t1, c0, c1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        n = fill(side, r, k, &p);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        times[i] = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
        cpu[i] = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) * 1e-9;
    }
    qsort(times, reps, sizeof(double), cmp);
    qsort(cpu, reps, sizeof(double), cmp);
    double med = reps % 2 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
    double cmed = reps % 2 ? cpu[reps / 2] : (cpu[reps / 2 - 1] + cpu[reps / 2]) / 2;
    if (argc > 5) { FILE *f = fopen(argv[5], "wb"); fwrite(p, sizeof(pt), n, f); fclose(f); }
    printf("task=poisson-c points=%zu seconds=%.6f cpu_seconds=%.6f rate=%.1f\n", n, med, cmed, n / med);
    return 0;
}
