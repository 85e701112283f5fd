//! Tests of `stats`: reference values from brute-force enumeration in Python, scipy's documented example, and textbook order-statistic intervals.
#![forbid(unsafe_code)]

use super::*;

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn binomial_cdf_of_fair_coins() {
    assert!(near(binomial_half_cdf(5, 0), 1.0 / 32.0, 1e-15));
    assert!(near(binomial_half_cdf(10, 2), 56.0 / 1024.0, 1e-15));
    assert_eq!(binomial_half_cdf(4, 4), 1.0);
    // Large n stays finite (0.5^2000 underflows in linear space).
    assert!(near(binomial_half_cdf(2000, 999), 0.49108049442707286, 1e-10));
}

#[test]
fn order_statistic_interval_ranks_match_the_textbook() {
    // (n, k, coverage of [x(k), x(n+1-k)]), computed with exact binomial sums.
    for (n, k, cov) in [
        (5, 1, 0.9375),
        (6, 1, 0.96875),
        (10, 2, 0.978515625),
        (20, 6, 0.9586105346679688),
        (50, 18, 0.9671608624357315),
    ] {
        let (got_k, got_cov) = median_ci_rank(n).unwrap();
        assert_eq!(got_k, k, "n = {n}");
        assert!(near(got_cov, cov, 1e-12), "n = {n}: {got_cov}");
    }
    assert_eq!(median_ci_rank(4), None, "fewer than 5 samples: no interval");
}

#[test]
fn median_ci_picks_the_order_statistics() {
    let ci = median_ci(&[0.5, 0.1, 0.4, 0.2, 0.3]).unwrap();
    assert_eq!((ci.low, ci.high, ci.ranks), (0.1, 0.5, (1, 5)));
    assert!(near(ci.coverage, 0.9375, 1e-12));
    let ten: Vec<f64> = (1..=10).rev().map(f64::from).collect();
    let ci = median_ci(&ten).unwrap();
    assert_eq!((ci.low, ci.high), (2.0, 9.0));
    assert_eq!(median_ci(&[1.0, 2.0, f64::NAN, 3.0, 4.0]), None, "NaN is not a sample");
}

#[test]
fn instability_is_a_coefficient_of_variation_above_ten_percent() {
    assert_eq!(coefficient_of_variation(&[1.0]), None);
    // mean 1, sample sd sqrt(((0.1)^2 * 2) / 2) = 0.1
    assert!(near(coefficient_of_variation(&[0.9, 1.0, 1.1]).unwrap(), 0.1, 1e-12));
    assert!(!is_unstable(&[0.95, 1.0, 1.05]), "5% is steady");
    assert!(is_unstable(&[0.89, 1.0, 1.11]), "11% is not");
    assert!(is_unstable(&[0.8, 1.0, 1.2]));
    assert!(!is_unstable(&[1.0, 1.01, 0.99, 1.0, 1.02]));
    assert!(is_unstable(&[1.0, 1.0, 1.0, 1.0, 1.6]), "one slow outlier in five");
    assert!(!is_unstable(&[2.0]), "one sample cannot be called unstable");
}

#[test]
fn u_distribution_counts_every_ordering() {
    // m = n = 5: the classic table column 1, 1, 2, 3, 5, 7, 9, 11, 14, 16, 18, 19, 20, 20, ...; 252 in all.
    let d = u_distribution(5, 5);
    assert_eq!(d.len(), 26);
    assert_eq!(
        &d[..14],
        &[1.0, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0, 11.0, 14.0, 16.0, 18.0, 19.0, 20.0, 20.0]
    );
    assert_eq!(d.iter().sum::<f64>(), 252.0);
    assert_eq!(u_distribution(3, 2), vec![1.0, 1.0, 2.0, 2.0, 2.0, 1.0, 1.0]);
}

#[test]
fn exact_p_values_match_brute_force_enumeration() {
    // Reference p-values from enumerating every split of the pooled ranks in Python.
    let cases: [(&[f64], &[f64], f64, f64); 5] = [
        (&[1.0, 1.1, 1.2, 1.3, 1.4], &[2.0, 2.1, 2.2, 2.3, 2.4], 0.0, 0.007936507936507936),
        (&[1.0, 2.1, 1.2, 2.3, 1.4], &[2.0, 1.1, 2.2, 1.3, 2.4], 10.0, 0.6904761904761905),
        (
            &[0.51, 0.49, 0.55, 0.60, 0.47],
            &[0.50, 0.62, 0.66, 0.58, 0.70],
            4.0,
            0.09523809523809523,
        ),
        (&[3.0, 1.0, 4.0, 1.5, 9.0, 2.6], &[5.0, 3.5, 8.0, 9.7, 9.3], 4.0, 0.05194805194805195),
        (&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0], 0.0, 0.1),
    ];
    for (a, b, u, p) in cases {
        let r = mann_whitney_u(a, b).unwrap();
        assert!(r.exact);
        assert_eq!(r.u, u, "{a:?} vs {b:?}");
        assert!(near(r.p_value, p, 1e-12), "{a:?} vs {b:?}: {} != {p}", r.p_value);
        // Swapping the sides gives U' = mn - U and the same two-sided p.
        let s = mann_whitney_u(b, a).unwrap();
        assert!(near(s.u, (a.len() * b.len()) as f64 - u, 1e-12) && near(s.p_value, p, 1e-12));
    }
}

#[test]
fn scipy_documented_example() {
    // scipy.stats.mannwhitneyu docs: males vs females, U1 = 17, p = 0.1111 (exact), 0.11134688653314041 (asymptotic).
    let males = [19.0, 22.0, 16.0, 29.0, 24.0];
    let females = [20.0, 11.0, 17.0, 12.0];
    let r = mann_whitney_u(&males, &females).unwrap();
    assert_eq!(r.u, 17.0);
    assert!(near(r.p_value, 1.0 / 9.0, 1e-12), "{}", r.p_value);
}

#[test]
fn ties_and_large_samples_use_the_corrected_normal_approximation() {
    // Reference values: the tie-corrected, continuity-corrected normal approximation with Python's math.erfc.
    let r = mann_whitney_u(&[1.0, 2.0, 2.0, 3.0, 3.0], &[3.0, 4.0, 4.0, 5.0, 6.0]).unwrap();
    assert!(!r.exact);
    assert_eq!(r.u, 1.0);
    assert!(near(r.p_value, 0.01924356579907484, 2e-7), "{}", r.p_value);
    let a: Vec<f64> = (0..30).map(f64::from).collect();
    let b: Vec<f64> = (0..30).map(|x| f64::from(x) + 10.5).collect();
    let r = mann_whitney_u(&a, &b).unwrap();
    assert!(!r.exact, "60 samples exceed EXACT_MAX_N");
    assert_eq!(r.u, 190.0);
    assert!(near(r.p_value, 0.00012477053789099963, 1e-9), "{}", r.p_value);
    let same = mann_whitney_u(&[1.0, 1.0], &[1.0, 1.0]).unwrap();
    assert_eq!(same.p_value, 1.0, "all values equal: no evidence of a difference");
    assert_eq!(mann_whitney_u(&[], &[1.0]), None);
}

#[test]
fn erfc_matches_the_reference_within_its_error_bound() {
    for (x, want) in [
        (0.0, 1.0),
        (0.5, 0.4795001221869535),
        (1.0, 0.15729920705028513),
        (2.0, 0.004677734981047265),
        (3.0, 2.2090496998585438e-05),
        (-1.0, 1.842700792949715),
    ] {
        let got = erfc(x);
        assert!(((got - want) / want).abs() < 1.2e-7, "erfc({x}) = {got}, want {want}");
    }
}
