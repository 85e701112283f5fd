"""N-body step: float arithmetic, attribute reads/writes on small objects and list walks (per-worker system, nothing shared but code)."""

META = {"category": "cpu-float", "size": 25_000, "doc": "n-body simulation of the 5 outer planets: size steps in total, split across workers"}

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
DT = 0.01

# (x, y, z, vx, vy, vz, mass) for the Sun, Jupiter, Saturn, Uranus and Neptune (the benchmarks game system)
INITIAL = (
    (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS),
    (4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS),
    (8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS),
    (1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS),
    (1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS),
)


class Body:
    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx
        self.vy = vy
        self.vz = vz
        self.mass = mass


def make_system():
    bodies = [Body(*b) for b in INITIAL]
    # offset momentum so the centre of mass stays put
    px = py = pz = 0.0
    for b in bodies:
        px += b.vx * b.mass
        py += b.vy * b.mass
        pz += b.vz * b.mass
    sun = bodies[0]
    sun.vx = -px / SOLAR_MASS
    sun.vy = -py / SOLAR_MASS
    sun.vz = -pz / SOLAR_MASS
    pairs = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            pairs.append((bodies[i], bodies[j]))
    return bodies, pairs


def energy(bodies):
    e = 0.0
    for i in range(len(bodies)):
        a = bodies[i]
        e += 0.5 * a.mass * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz)
        for j in range(i + 1, len(bodies)):
            b = bodies[j]
            dx = a.x - b.x
            dy = a.y - b.y
            dz = a.z - b.z
            e -= a.mass * b.mass / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


def advance(bodies, pairs, steps):
    for _ in range(steps):
        for a, b in pairs:
            dx = a.x - b.x
            dy = a.y - b.y
            dz = a.z - b.z
            d2 = dx * dx + dy * dy + dz * dz
            mag = DT / (d2 * d2 ** 0.5)
            bm = b.mass * mag
            am = a.mass * mag
            a.vx -= dx * bm
            a.vy -= dy * bm
            a.vz -= dz * bm
            b.vx += dx * am
            b.vy += dy * am
            b.vz += dz * am
        for body in bodies:
            body.x += DT * body.vx
            body.y += DT * body.vy
            body.z += DT * body.vz


def simulate(steps):
    bodies, pairs = make_system()
    e0 = energy(bodies)
    advance(bodies, pairs, steps)
    e1 = energy(bodies)
    return (steps, e0, e1, [(b.x, b.y, b.z) for b in bodies])


def setup(size):
    return None


def work(state, worker, workers, size):
    # Every worker integrates its own copy of the same system for size // workers steps.
    return simulate(size // workers)


_reference = {}


def check(results, size, workers):
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    if n not in _reference:
        _reference[n] = simulate(n)  # computed once per process, in the main interpreter
    ref = _reference[n]
    for r in results:
        steps, e0, e1, positions = r
        # bit-for-bit the same trajectory as a run alone: threads did not disturb each other
        if steps != n or e0 != ref[1] or e1 != ref[2] or list(positions) != list(ref[3]):
            return f"{steps} steps, energies {e0!r} -> {e1!r}; a run alone: {n} steps, {ref[1]!r} -> {ref[2]!r}"
        # and the integrator is sane: energy is conserved
        if abs(e1 - e0) > 1e-3 * abs(e0):
            return f"energy drifted from {e0!r} to {e1!r}"
    return True
