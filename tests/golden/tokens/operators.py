a += b; c -= d; e *= f; g /= h; i //= j; k %= l; m **= n; o @= p
q &= r; s |= t; u ^= v; w <<= x; y >>= z
a == b != c <= d >= e < f > g
(n := 1) -> ... ; a.b[c]{d}
~x ** -y // z % w @ v << u >> t & s | r ^ q
