// One seeded pseudo-random generator for everything that must come out the same on every run:
// the demo data, the generated fairs and sessions of the tests and benches, the schedule's
// annealing (the same proposal for the same input), and the race tests (a failure can be
// replayed). Never Math.random where a result has to be reproducible.

/** mulberry32: a small, fast 32-bit generator returning numbers in [0, 1); the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
