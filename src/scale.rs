//! Linear scales and "nice" ticks: pure maths, no pixels until `map`.

/// A linear map from a data domain onto a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    /// Data domain (lo < hi).
    pub domain: (f64, f64),
    /// Pixel range the domain maps onto (may be reversed, as on a y axis).
    pub range: (f64, f64),
}

impl Linear {
    /// A scale; a zero-width domain is widened so that `map` stays finite.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let (mut lo, mut hi) = domain;
        if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.5 };
            lo -= pad;
            hi += pad;
        }
        Linear { domain: (lo, hi), range }
    }

    /// Data value → pixel.
    pub fn map(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// The nice step (1, 2, 2.5 or 5 × 10ⁿ) for about `count` intervals over `span`.
pub fn nice_step(span: f64, count: usize) -> f64 {
    let count = count.max(1) as f64;
    let raw = (span / count).abs();
    if !raw.is_finite() || raw == 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Extends `(lo, hi)` outwards to multiples of a nice step and lists the
/// ticks: at most `max_ticks` + 1 of them, at least two. Returns (domain, ticks).
pub fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> ((f64, f64), Vec<f64>) {
    let degenerate = |lo: f64, hi: f64| hi - lo <= f64::EPSILON * hi.abs().max(lo.abs()).max(1.0);
    let (lo, hi) = if degenerate(lo, hi) { (lo.min(0.0), hi.max(0.0)) } else { (lo, hi) };
    let (lo, hi) = if degenerate(lo, hi) {
        if lo < 0.0 {
            (-1.0, 0.0)
        } else {
            (0.0, 1.0)
        }
    } else {
        (lo, hi)
    };
    let max = max_ticks.max(1);
    let mut count = max;
    let (mut step, mut start, mut n) = loop {
        let step = nice_step(hi - lo, count);
        let start = (lo / step).floor() * step;
        let end = (hi / step).ceil() * step;
        let n = ((end - start) / step).round() as usize;
        if n <= max || count == 1 {
            break (step, start, n);
        }
        count -= 1;
    };
    // Few ticks on 1-2-5 steps can waste half the axis (0–2B for 1.1B):
    // then a tighter step of 1.5, 3, 4, 6 or 8 × 10ⁿ (0–1.2B) is taken.
    let span = hi - lo;
    if step * n as f64 > TIGHT * span {
        if let Some((s, a, k)) = tighter(lo, hi, max, step * n as f64) {
            (step, start, n) = (s, a, k);
        }
    }
    let ticks: Vec<f64> = (0..=n).map(|i| clean(start + i as f64 * step, step)).collect();
    let end = ticks.last().copied().unwrap_or(start + step * n as f64);
    ((start, end), ticks)
}

/// How much longer than the data an axis may be before a tighter step is sought.
const TIGHT: f64 = 1.25;

/// The step of mantissa 1.5, 3, 4, 6 or 8 with at most `max` intervals whose
/// axis is shortest, if it is clearly shorter than `current` (step, start,
/// intervals).
fn tighter(lo: f64, hi: f64, max: usize, current: f64) -> Option<(f64, f64, usize)> {
    let span = hi - lo;
    let base = 10f64.powf((span / max as f64).log10().floor());
    if !base.is_finite() || base == 0.0 {
        return None;
    }
    let mut best: Option<(f64, f64, usize)> = None;
    let mut best_len = current * 0.95;
    for mag in [base, base * 10.0] {
        for mantissa in [1.5, 3.0, 4.0, 6.0, 8.0] {
            let step = mantissa * mag;
            let start = (lo / step).floor() * step;
            let end = (hi / step).ceil() * step;
            let n = ((end - start) / step).round() as usize;
            let len = step * n as f64;
            if (1..=max).contains(&n) && len < best_len && len.is_finite() {
                best_len = len;
                best = Some((step, start, n));
            }
        }
    }
    best
}

/// Removes float noise (0.30000000000000004 → 0.3) relative to the step.
fn clean(v: f64, step: f64) -> f64 {
    let digits = (-step.log10().floor()).max(0.0) as i32 + 2;
    let f = 10f64.powi(digits.min(15));
    let r = (v * f).round() / f;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Ticks on whole numbers only (years): steps of 1, 2, 5, 10, … never 2.5.
pub fn integer_ticks(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    let span = (hi - lo).max(1.0);
    let mut step = nice_step(span, max_ticks.max(1)).max(1.0);
    if step.fract() != 0.0 || step == 2.5 || step == 25.0 {
        step = (step * 2.0).round().max(1.0);
    }
    while span / step > max_ticks.max(1) as f64 {
        step *= 2.0;
    }
    let start = (lo / step).ceil() * step;
    let mut out = Vec::new();
    let mut t = start;
    while t <= hi + 1e-9 && out.len() < 1000 {
        out.push(t);
        t += step;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn housing_figures_get_round_ticks() {
        let ((lo, hi), ticks) = nice_ticks(0.0, 2.8e9, 6);
        assert_eq!(lo, 0.0);
        assert_eq!(hi, 3e9);
        assert_eq!(ticks, vec![0.0, 5e8, 1e9, 1.5e9, 2e9, 2.5e9, 3e9]);
        let (_, t) = nice_ticks(0.0, 130e6, 5);
        assert_eq!(t, vec![0.0, 50e6, 100e6, 150e6]);
    }

    #[test]
    fn ticks_respect_the_maximum_count() {
        for max in 1..12 {
            for hi in [1.0, 7.7, 58.0, 130e6, 2.8e9, 1e15] {
                let (_, t) = nice_ticks(0.0, hi, max);
                assert!(t.len() <= max + 1, "{hi} {max} {t:?}");
                assert!(t.len() >= 2);
                assert!(*t.last().unwrap() >= hi);
            }
        }
    }

    #[test]
    fn few_ticks_keep_the_axis_tight() {
        // Two intervals for 1.1 billion: 0–1.2B, not 0–2B.
        let ((lo, hi), t) = nice_ticks(0.0, 1.1e9, 2);
        assert_eq!((lo, hi), (0.0, 1.2e9));
        assert_eq!(t, vec![0.0, 6e8, 1.2e9]);
        // 2.8 billion: 0–3B, not 0–4B.
        let ((_, hi), t) = nice_ticks(0.0, 2.8e9, 2);
        assert_eq!(hi, 3e9, "{t:?}");
        assert_eq!(t, vec![0.0, 1.5e9, 3e9]);
        // Many ticks: the 1-2-5 steps as before.
        assert_eq!(nice_ticks(0.0, 1.1e9, 6).1, vec![0.0, 2e8, 4e8, 6e8, 8e8, 1e9, 1.2e9]);
        for max in 1..8 {
            for hi in [0.7, 1.1, 13.0, 58.0, 130e6, 1.1e9, 2.8e9] {
                let ((lo, top), t) = nice_ticks(0.0, hi, max);
                assert!(lo <= 0.0 && top >= hi && t.len() <= max + 1 && t.len() >= 2, "{hi} {max} {t:?}");
                assert_eq!(*t.last().unwrap(), top);
            }
        }
    }

    #[test]
    fn decimals_are_clean() {
        let (_, t) = nice_ticks(0.0, 0.7, 7);
        assert!(t.contains(&0.3), "{t:?}");
    }

    #[test]
    fn degenerate_domains() {
        assert_eq!(nice_ticks(0.0, 0.0, 5).0, (0.0, 1.0));
        let ((lo, hi), _) = nice_ticks(5.0, 5.0, 5);
        assert!(lo <= 0.0 && hi >= 5.0);
        let ((lo, _), _) = nice_ticks(-3.0, -3.0, 5);
        assert!(lo <= -3.0);
        let s = Linear::new((2.0, 2.0), (0.0, 100.0));
        assert!(s.map(2.0).is_finite());
        let ((lo, hi), _) = nice_ticks(0.0, 1e300, 5);
        assert!(lo <= 0.0 && hi >= 1e300 && hi.is_finite());
    }

    #[test]
    fn years_are_whole() {
        assert_eq!(integer_ticks(2025.0, 2030.0, 6), vec![2025.0, 2026.0, 2027.0, 2028.0, 2029.0, 2030.0]);
        assert_eq!(integer_ticks(1976.0, 2036.0, 5), vec![1980.0, 2000.0, 2020.0]);
        assert!(integer_ticks(2025.0, 2030.0, 2).iter().all(|t| t.fract() == 0.0));
    }
}
