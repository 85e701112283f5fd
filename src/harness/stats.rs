//! Statistics of bench samples: a distribution-free confidence interval for the median, the "unstable" rule, and the Mann–Whitney U test.
//!
//! # Confidence interval for the median
//!
//! Timings are skewed (a sample can only be slowed down, by another process, a page fault, a
//! frequency change), so the harness reports medians and uses an interval that assumes nothing
//! about the distribution: the *order-statistic interval*. For `n` sorted samples
//! `x(1) <= ... <= x(n)`, the interval `[x(k), x(n+1-k)]` contains the true median with
//! probability `1 - 2 P(B <= k-1)`, `B ~ Binomial(n, 1/2)` (each sample falls below the median
//! with probability 1/2). We take the largest `k` whose coverage is still at least 95%.
//!
//! Small samples cannot reach 95%: the widest interval, `[min, max]`, covers the median with
//! probability `1 - 2^(1-n)`: 93.75% at 5 samples (the default `--repeat`), 96.9% at 6,
//! 87.5% at 4. So with 5 samples we report `[min, max]` and say that it is a 93.75% interval
//! ([`MedianCi::coverage`]); with fewer than [`CI_MIN_SAMPLES`] samples there is no interval.
//! (A bootstrap would print a narrower interval at 5 samples, but only because it resamples the
//! same five numbers: its real coverage there is well below what it claims.)
//!
//! # Unstable rows
//!
//! A row is *unstable* when the sample standard deviation is more than [`UNSTABLE_CV`] (10%)
//! of the mean, pyperf's rule ("the standard deviation is N% of the mean"). Two samples are
//! enough to flag it; the table then prints a warning asking for more `--repeat` or a quieter
//! machine.
//!
//! # Mann–Whitney U
//!
//! `--baseline` compares two sets of samples of one configuration with the two-sided
//! Mann–Whitney U test (Wilcoxon rank-sum): no normality assumption, robust to the one slow
//! outlier typical of timings. Without ties and with at most [`EXACT_MAX_N`] samples in all,
//! the p-value comes from the exact null distribution of U (counted by dynamic programming);
//! otherwise from the normal approximation with the tie correction of the variance and a
//! continuity correction (what `scipy.stats.mannwhitneyu` does with `method="asymptotic"`).
//! With 5 vs 5 samples the smallest possible p is 2/252 = 0.008; with 3 vs 3 it is 0.1, so
//! fewer than 4 samples a side can never show a significant change.
#![forbid(unsafe_code)]

/// Confidence level the interval aims for.
pub const CI_LEVEL: f64 = 0.95;
/// Fewest samples that get an interval (`[min, max]` of 5 samples is a 93.75% interval).
pub const CI_MIN_SAMPLES: usize = 5;
/// Coefficient of variation (standard deviation / mean) above which a row is unstable.
pub const UNSTABLE_CV: f64 = 0.10;
/// Largest total sample count for which the exact U distribution is used (when there are no ties).
pub const EXACT_MAX_N: usize = 50;

fn finite_sorted(samples: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v
}

/// `P(B <= k)` for `B ~ Binomial(n, 1/2)`, summed in log space (no overflow for large `n`).
pub fn binomial_half_cdf(n: usize, k: usize) -> f64 {
    if k >= n {
        return 1.0;
    }
    let mut log_pmf = -(n as f64) * std::f64::consts::LN_2; // P(B = 0)
    let mut total = 0.0;
    for j in 0..=k {
        if j > 0 {
            log_pmf += ((n - j + 1) as f64 / j as f64).ln();
        }
        total += log_pmf.exp();
    }
    total.min(1.0)
}

/// A confidence interval for the median, from two order statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MedianCi {
    pub low: f64,
    pub high: f64,
    /// The exact probability that `[low, high]` contains the median: at least [`CI_LEVEL`] from
    /// 6 samples on, `1 - 2^(1-n)` below (93.75% at 5).
    pub coverage: f64,
    /// The 1-based ranks of `low` and `high` among the sorted samples.
    pub ranks: (usize, usize),
}

/// The coverage of `[x(k), x(n+1-k)]` and `k` chosen for `n` samples (see the module doc).
pub fn median_ci_rank(n: usize) -> Option<(usize, f64)> {
    if n < CI_MIN_SAMPLES {
        return None;
    }
    let coverage = |k: usize| 1.0 - 2.0 * binomial_half_cdf(n, k - 1);
    let mut k = 1;
    while k < n / 2 && coverage(k + 1) >= CI_LEVEL {
        k += 1;
    }
    Some((k, coverage(k)))
}

/// The distribution-free interval for the median of `samples` (non-finite values ignored);
/// `None` with fewer than [`CI_MIN_SAMPLES`] samples.
pub fn median_ci(samples: &[f64]) -> Option<MedianCi> {
    let v = finite_sorted(samples);
    let (k, coverage) = median_ci_rank(v.len())?;
    let hi = v.len() + 1 - k;
    Some(MedianCi { low: v[k - 1], high: v[hi - 1], coverage, ranks: (k, hi) })
}

/// Sample standard deviation (n - 1 in the denominator) over the mean; `None` with fewer than
/// two samples or a mean that is not positive.
pub fn coefficient_of_variation(samples: &[f64]) -> Option<f64> {
    let v = finite_sorted(samples);
    if v.len() < 2 {
        return None;
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return None;
    }
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    Some(var.sqrt() / mean)
}

/// The instability rule: coefficient of variation above [`UNSTABLE_CV`].
pub fn is_unstable(samples: &[f64]) -> bool {
    coefficient_of_variation(samples).is_some_and(|cv| cv > UNSTABLE_CV)
}

/// The result of a two-sided Mann–Whitney U test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U of the first sample: the number of (a, b) pairs with a > b, ties counting 1/2.
    pub u: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// The p-value is from the exact distribution (else the normal approximation).
    pub exact: bool,
}

/// Ranks 1..=n of the pooled values (mid-ranks for ties), and the tie term `sum(t^3 - t)`.
fn ranks(pooled: &[f64]) -> (Vec<f64>, f64) {
    let mut order: Vec<usize> = (0..pooled.len()).collect();
    order.sort_by(|&i, &j| pooled[i].total_cmp(&pooled[j]));
    let mut rank = vec![0.0; pooled.len()];
    let mut ties = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && pooled[order[j]] == pooled[order[i]] {
            j += 1;
        }
        let mid = (i + 1 + j) as f64 / 2.0; // mean of ranks i+1..=j
        for &idx in &order[i..j] {
            rank[idx] = mid;
        }
        let t = (j - i) as f64;
        ties += t * t * t - t;
        i = j;
    }
    (rank, ties)
}

/// The number of orderings of `m` a's and `n` b's with each value of U (0..=m*n), where U counts
/// (a, b) pairs with the a after the b. `f(i, j, u) = f(i-1, j, u-j) + f(i, j-1, u)`.
pub fn u_distribution(m: usize, n: usize) -> Vec<f64> {
    let width = m * n + 1;
    // row[j] holds f(i, j, .) for the current i.
    let mut row: Vec<Vec<f64>> = (0..=n)
        .map(|_| {
            let mut v = vec![0.0; width];
            v[0] = 1.0;
            v
        })
        .collect();
    for _i in 1..=m {
        let prev = row.clone();
        for j in 0..=n {
            let mut cur = vec![0.0; width];
            for u in 0..width {
                let mut c = 0.0;
                if u >= j {
                    c += prev[j][u - j];
                }
                if j > 0 {
                    c += row[j - 1][u];
                }
                cur[u] = c;
            }
            row[j] = cur;
        }
    }
    row.pop().unwrap_or_default()
}

/// `erfc(x)` (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7 everywhere).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// The two-sided Mann–Whitney U test of `a` against `b` (non-finite values ignored); `None` when
/// either side has no samples.
pub fn mann_whitney_u(a: &[f64], b: &[f64]) -> Option<MannWhitney> {
    let a: Vec<f64> = a.iter().copied().filter(|x| x.is_finite()).collect();
    let b: Vec<f64> = b.iter().copied().filter(|x| x.is_finite()).collect();
    let (n1, n2) = (a.len(), b.len());
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let pooled: Vec<f64> = a.iter().chain(&b).copied().collect();
    let (rank, ties) = ranks(&pooled);
    let r1: f64 = rank[..n1].iter().sum();
    let u = r1 - (n1 * (n1 + 1)) as f64 / 2.0;
    let mn = (n1 * n2) as f64;
    let n = (n1 + n2) as f64;
    if ties == 0.0 && n1 + n2 <= EXACT_MAX_N {
        let counts = u_distribution(n1, n2);
        let total: f64 = counts.iter().sum();
        // The null distribution is symmetric about mn/2: P(U <= min(u, mn - u)), doubled.
        let low = u.min(mn - u).round() as usize;
        let tail: f64 = counts[..=low].iter().sum::<f64>() / total;
        return Some(MannWhitney { u, p_value: (2.0 * tail).min(1.0), exact: true });
    }
    let mean = mn / 2.0;
    let var = mn / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
    let p_value = if var <= 0.0 {
        1.0
    } else {
        let z = ((u - mean).abs() - 0.5).max(0.0) / var.sqrt();
        erfc(z / std::f64::consts::SQRT_2).min(1.0)
    };
    Some(MannWhitney { u, p_value, exact: false })
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
