#!/usr/bin/env python3
"""B6 generalisation check: builds variant pod lists from an openb pod list by resampling (seed 7).

Usage: bench/b6_variants.py POD_LIST OUT_DIR, then bench/b6.sh OUT_DIR/<name>.csv for each.
gpushareX: X % of GPU pods fractional; multigpuX: X % multi-GPU; gpuspecX: X % of GPU pods given a
gpu_spec (one model, or V100M16|V100M32, drawn by openb GPU capacity); cpu200: twice the CPU-only
pods; half1/half2: first/second half of the list. Our own construction, not the FGD paper's lists.
"""
import csv, os, random, sys

src, out_dir = sys.argv[1], sys.argv[2]
os.makedirs(out_dir, exist_ok=True)
rows = list(csv.DictReader(open(src)))
hdr = list(rows[0].keys())
cpu = [r for r in rows if r['num_gpu'] == '0']
frac = [r for r in rows if r['num_gpu'] == '1' and r['gpu_milli'] != '1000']
whole = [r for r in rows if r['num_gpu'] == '1' and r['gpu_milli'] == '1000']
multi = [r for r in rows if int(r['num_gpu']) > 1]
gpu = frac + whole + multi


def write(name, lst):
    with open(os.path.join(out_dir, name), 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=hdr)
        w.writeheader()
        for i, r in enumerate(lst):
            r = dict(r)
            r['name'] = 'v-%05d' % i
            w.writerow(r)


rnd = random.Random(7)
n = len(gpu)


def mix(pfrac, pmulti):
    out = list(cpu)
    for _ in range(n):
        u = rnd.random()
        out.append(rnd.choice(frac if u < pfrac else multi if u < pfrac + pmulti else whole))
    rnd.shuffle(out)
    return out


for x in (20, 60, 100):
    write(f'gpushare{x}.csv', mix(x / 100, 0.0 if x == 100 else len(multi) / n))
for x in (20, 50):
    write(f'multigpu{x}.csv', mix(len(frac) / n * (1 - x / 100) / (1 - len(multi) / n), x / 100))
models = {'G2': 4392, 'T4': 842, 'P100': 270, 'G3': 312, 'V100M16': 359, 'V100M32': 204, 'A10': 2}
specs = list(models) + ['V100M16|V100M32']
wts = [models[m] for m in models] + [300]
for x in (10, 33):
    out = []
    for r in rows:
        r = dict(r)
        if r['num_gpu'] != '0' and rnd.random() < x / 100:
            r['gpu_spec'] = rnd.choices(specs, wts)[0]
        out.append(r)
    write(f'gpuspec{x}.csv', out)
write('cpu200.csv', rows + [rnd.choice(cpu) for _ in range(len(cpu))])
write('half1.csv', rows[:len(rows) // 2])
write('half2.csv', rows[len(rows) // 2:])
