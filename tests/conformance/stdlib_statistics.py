import statistics as st
import random

print(st.mean([1, 2, 3, 4]), st.mean([1, 2, 3]), st.mean([0.1] * 10), st.mean([1.5, 2, 2.5]), st.mean([True, False, True]))
print(st.fmean([1, 2, 3, 4]), st.fmean([0.1] * 10), st.median([3, 1, 2]), st.median([4, 1, 3, 2]), st.median_low([1, 2, 3, 4]), st.median_high([1, 2, 3, 4]))
print(st.mode([1, 2, 2, 3, 3, 3]), st.mode('aabbbc'), st.multimode('aabbcc'), st.multimode([]))
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(st.variance(data), st.stdev(data), st.pvariance(data), st.pstdev(data))
print(st.variance([1, 2, 3, 4, 5]), st.stdev([1, 2, 3, 4, 5]), st.pvariance([1, 2, 3, 4]), st.pstdev([1, 2, 3, 4]), st.variance([1, 3, 5]))
random.seed(3)
xs = [random.gauss(10, 3) for _ in range(500)]
print(st.mean(xs), st.stdev(xs), st.median(xs), st.pstdev(xs), st.variance(xs))
ys = [random.randint(1, 1000) for _ in range(301)]
print(st.mean(ys), st.stdev(ys), st.median(ys), st.quantiles(ys), st.quantiles(ys, n=10, method='inclusive'))
print(st.geometric_mean([54, 24, 36]), st.harmonic_mean([40, 60]), st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75], xbar=2.875))
for bad in [lambda: st.mean([]), lambda: st.stdev([1]), lambda: st.median([]), lambda: st.mode([])]:
    try:
        bad()
    except st.StatisticsError as e:
        print('StatisticsError', e)
