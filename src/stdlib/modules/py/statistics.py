"""Basic statistics (mean, median, mode, variance, stdev, quantiles) with CPython 3.11's exact rational arithmetic, so results match to the last bit."""

from math import gcd as _gcd, isqrt as _isqrt, fsum as _fsum, exp as _exp, log as _log, isfinite as _isfinite

__all__ = ['StatisticsError', 'fmean', 'geometric_mean', 'harmonic_mean', 'mean', 'median',
           'median_high', 'median_low', 'mode', 'multimode', 'pstdev', 'pvariance', 'quantiles',
           'stdev', 'variance']


class StatisticsError(ValueError):
    pass


def _ratio(x):
    if type(x) is float or isinstance(x, float):
        if not _isfinite(x):
            return x, None
        return x.as_integer_ratio()
    if isinstance(x, int):
        return int(x), 1
    try:
        return x.as_integer_ratio()
    except AttributeError:
        raise TypeError(f"can't convert type '{type(x).__name__}' to numerator/denominator") from None


def _reduce(n, d):
    if d < 0:
        n, d = -n, -d
    g = _gcd(n, d)
    if g > 1:
        n //= g
        d //= g
    return n, d


def _coerce(T, S):
    if T is S:
        return T
    if S is int or S is bool:
        return T
    if T is int or T is bool:
        return S
    if issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    if issubclass(T, int):
        return S
    if issubclass(S, int):
        return T
    raise TypeError(f"can't convert type '{T.__name__}' to '{S.__name__}'")


def _sum(data):
    """(type, numerator, denominator, count) of the exact sum; numerator is a float when not finite."""
    count = 0
    T = int
    partials = {}
    special = None
    for x in data:
        T = _coerce(T, type(x))
        n, d = _ratio(x)
        count += 1
        if d is None:
            special = n if special is None else special + n
        else:
            partials[d] = partials.get(d, 0) + n
    if special is not None:
        return T, special, None, count
    num, den = 0, 1
    for d, n in partials.items():
        num, den = _reduce(num * d + n * den, den * d)
    return T, num, den, count


def _convert(num, den, T):
    if den is None:
        return T(num)
    if T is bool:
        T = int
    if T is int:
        if den == 1:
            return num
        return num / den
    if T is float:
        return num / den
    return T(num / den)


def mean(data):
    """Return the sample arithmetic mean of data."""
    T, num, den, n = _sum(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    if den is None:
        return _convert(num / n, None, T)
    num, den = _reduce(num, den * n)
    return _convert(num, den, T)


def fmean(data, weights=None):
    """Convert data to floats and compute the arithmetic mean."""
    if weights is None:
        data = list(data)
        n = len(data)
        total = _fsum(data)
        if not n:
            raise StatisticsError('fmean requires at least one data point')
        return total / n
    data = list(data)
    weights = list(weights)
    num = _fsum(x * w for x, w in zip(data, weights))
    if len(data) != len(weights):
        raise StatisticsError('data and weights must be the same length')
    den = _fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def geometric_mean(data):
    """Convert data to floats and compute the geometric mean."""
    try:
        return _exp(fmean(map(_log, data)))
    except ValueError:
        raise StatisticsError('geometric mean requires a non-empty dataset containing positive numbers') from None


def harmonic_mean(data, weights=None):
    """Return the harmonic mean of data."""
    data = list(data)
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    if weights is None:
        weights = [1] * n
    weights = list(weights)
    for x in data:
        if x < 0:
            raise StatisticsError('harmonic mean does not support negative values')
    if any(x == 0 for x in data):
        return 0
    T, num, den, count = _sum(w / x if w else 0 for w, x in zip(weights, data))
    sw = sum(weights)
    if num <= 0:
        raise StatisticsError('Weighted sum must be positive')
    wn, wd = _ratio(sw)
    return _convert(*_reduce(wn * den, wd * num), T)


def median(data):
    """Return the median (middle value) of numeric data."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    """Return the low median of numeric data."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    """Return the high median of data."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2]


def mode(data):
    """Return the most common data point from discrete or nominal data."""
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    if not counts:
        raise StatisticsError('no mode for empty data')
    best = None
    bestc = 0
    for k, c in counts.items():
        if c > bestc:
            best, bestc = k, c
    return best


def multimode(data):
    """Return a list of the most frequently occurring values."""
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    if not counts:
        return []
    maxcount = max(counts.values())
    return [value for value, count in counts.items() if count == maxcount]


def quantiles(data, *, n=4, method='exclusive'):
    """Divide data into n continuous intervals with equal probability."""
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return result
    raise ValueError(f'Unknown method: {method!r}')


def _ss(data, c=None):
    """(type, ssd numerator, ssd denominator, count): the exact sum of square deviations."""
    if c is not None:
        T, num, den, count = _sum((x - c) * (x - c) for x in data)
        return T, num, den, count
    count = 0
    T = int
    sx = {}
    sxx = {}
    special = False
    for x in data:
        T = _coerce(T, type(x))
        n, d = _ratio(x)
        count += 1
        if d is None:
            special = True
            continue
        sx[d] = sx.get(d, 0) + n
        sxx[d] = sxx.get(d, 0) + n * n
    if special:
        return T, float('nan'), None, count
    if not count:
        return T, 0, 1, 0
    sn, sd = 0, 1
    for d, n in sx.items():
        sn, sd = _reduce(sn * d + n * sd, sd * d)
    qn, qd = 0, 1
    for d, n in sxx.items():
        qn, qd = _reduce(qn * d * d + n * qd, qd * d * d)
    # ssd = (count * sxx - sx * sx) / count
    an, ad = _reduce(count * qn * sd * sd - sn * sn * qd, qd * sd * sd * count)
    return T, an, ad, count


def variance(data, xbar=None):
    """Return the sample variance of data."""
    T, num, den, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('variance requires at least two data points')
    if den is None:
        return _convert(num / (n - 1), None, T)
    return _convert(*_reduce(num, den * (n - 1)), T)


def pvariance(data, mu=None):
    """Return the population variance of ``data``."""
    T, num, den, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pvariance requires at least one data point')
    if den is None:
        return _convert(num / n, None, T)
    return _convert(*_reduce(num, den * n), T)


def _isqrt_frac_rto(n, m):
    a = _isqrt(n // m)
    return a | (a * a * m != n)


_SQRT_BIT_WIDTH = 2 * 53 + 3


def _float_sqrt_of_frac(n, m):
    q = (n.bit_length() - m.bit_length() - _SQRT_BIT_WIDTH) // 2
    if q >= 0:
        numerator = _isqrt_frac_rto(n, m << 2 * q) << q
        denominator = 1
    else:
        numerator = _isqrt_frac_rto(n << -2 * q, m)
        denominator = 1 << -q
    return numerator / denominator


def stdev(data, xbar=None):
    """Return the square root of the sample variance."""
    T, num, den, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    if den is None:
        return float('nan')
    return _float_sqrt_of_frac(*_reduce(num, den * (n - 1)))


def pstdev(data, mu=None):
    """Return the square root of the population variance."""
    T, num, den, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pstdev requires at least one data point')
    if den is None:
        return float('nan')
    return _float_sqrt_of_frac(*_reduce(num, den * n))
