"""NumPy peer of `npm run bench:retrieval`: the same split-window LST with NDVI-threshold
emissivity (Jimenez-Munoz et al. 2014; Sobrino et al. 2004; Landsat 8 Handbook LSDS-1574 sec. 5),
written as a scientist would in NumPy, float32 throughout, on the raw float32 bands that
bench/retrieval.ts wrote to DIR. Times each case (best of REPEATS), compares with our outputs
(DIR/ours-bt.f32, DIR/ours-dn.f32) and prints one JSON object on stdout.

Usage: /usr/bin/python3 bench/retrieval_numpy.py DIR REPEATS
"""
import json
import sys
import time

import numpy as np

F = np.float32


def load(directory, name, side):
    return np.fromfile(f"{directory}/{name}.f32", dtype=np.float32).reshape(side, side)


def emissivity(ndvi, pv, red, band, set_):
    """NDVI-threshold emissivity of one band (Sobrino et al. 2004), Sobrino cavity term."""
    soil = F(band["soilIntercept"]) - F(band["soilSlope"]) * red
    ev, es = F(band["vegetation"]), F(band["soil"])
    cavity = (F(1) - es) * ev * F(set_["cavityShapeFactor"]) * (F(1) - pv)
    mixed = ev * pv + es * (F(1) - pv) + cavity
    out = np.where(ndvi > F(set_["ndviVegetation"]), ev, mixed)
    out = np.where(ndvi < F(set_["ndviSoil"]), soil, out)
    out = np.where(ndvi < F(0), F(band["water"]), out)
    return np.where(np.isnan(ndvi), F(np.nan), out).astype(np.float32)


def lst_from_bt(tbi, tbj, red, nir, meta):
    set_, c, w = meta["emissivitySet"], meta["coefficients"], F(meta["waterVapourGcm2"])
    total = nir + red
    ndvi = np.where(total != F(0), (nir - red) / total, F(np.nan))
    ndvi_s, ndvi_v = F(set_["ndviSoil"]), F(set_["ndviVegetation"])
    pv = np.clip((ndvi - ndvi_s) / (ndvi_v - ndvi_s), F(0), F(1)) ** 2
    ei = emissivity(ndvi, pv, red, set_["bandI"], set_)
    ej = emissivity(ndvi, pv, red, set_["bandJ"], set_)
    dt = tbi - tbj
    mean_e, delta_e = (ei + ej) / F(2), ei - ej
    return (
        tbi
        + F(c["c1"]) * dt
        + F(c["c2"]) * dt * dt
        + F(c["c0"])
        + (F(c["c3"]) + F(c["c4"]) * w) * (F(1) - mean_e)
        + (F(c["c5"]) + F(c["c6"]) * w) * delta_e
    )


def brightness(dn, band):
    radiance = F(band["radianceMult"]) * dn + F(band["radianceAdd"])
    radiance = np.where(radiance > F(0), radiance, F(np.nan))
    return F(band["k2Kelvin"]) / np.log(F(band["k1"]) / radiance + F(1))


def lst_from_dn(dni, dnj, dnr, dnn, meta):
    cal = meta["calibration"]
    fill = (dni == 0) | (dnj == 0) | (dnr == 0) | (dnn == 0)
    sun = F(np.sin(np.deg2rad(cal["sunElevationDeg"])))
    red = (F(cal["red"]["reflectanceMult"]) * dnr + F(cal["red"]["reflectanceAdd"])) / sun
    nir = (F(cal["nir"]["reflectanceMult"]) * dnn + F(cal["nir"]["reflectanceAdd"])) / sun
    tbi, tbj = brightness(dni, cal["thermalI"]), brightness(dnj, cal["thermalJ"])
    lst = lst_from_bt(tbi, tbj, red, nir, meta)
    lst[fill] = np.nan
    return lst


def dn_reflectance(dn, meta):
    cal = meta["calibration"]
    red = cal["red"]["reflectanceMult"] * dn[2].astype(np.float64) + cal["red"]["reflectanceAdd"]
    nir = cal["nir"]["reflectanceMult"] * dn[3].astype(np.float64) + cal["nir"]["reflectanceAdd"]
    return red, nir


def best_seconds(run, repeats):
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def ndvi64(red, nir):
    red, nir = red.astype(np.float64), nir.astype(np.float64)
    return (nir - red) / (nir + red)


def agreement(ours, theirs, ndvi, meta):
    """max |ours − NumPy| in K, apart from pixels within 1e-5 of an NDVI class threshold: there
    float32 NDVI (NumPy) and float64 NDVI (ours) may pick different classes, and the method's
    emissivity jumps by up to 0.016 between bare soil and mixed pixels (~1 K of LST)."""
    set_ = meta["emissivitySet"]
    near = np.zeros(ours.shape, dtype=bool)
    for threshold in (0.0, set_["ndviSoil"], set_["ndviVegetation"]):
        near |= np.abs(ndvi - threshold) < 1e-5
    both = np.isfinite(ours) & np.isfinite(theirs)
    diff = np.abs(ours.astype(np.float64) - theirs)
    away = both & ~near
    return {
        "maxAbsDiffKelvin": float(diff[away].max()) if away.any() else 0.0,
        "thresholdFlips": int(np.count_nonzero(both & near & (diff > 1e-3))),
        "nanMismatch": int(np.count_nonzero(np.isfinite(ours) != np.isfinite(theirs))),
        "compared": int(both.sum()),
    }


def main():
    directory, repeats = sys.argv[1], int(sys.argv[2])
    with open(f"{directory}/meta.json") as handle:
        meta = json.load(handle)
    side = meta["side"]
    np.seterr(all="ignore")
    bt = [load(directory, name, side) for name in ("tbI", "tbJ", "red", "nir")]
    dn = [load(directory, name, side) for name in ("dnI", "dnJ", "dnRed", "dnNir")]

    bt_seconds, bt_lst = best_seconds(lambda: lst_from_bt(*bt, meta), repeats)
    dn_seconds, dn_lst = best_seconds(lambda: lst_from_dn(*dn, meta), repeats)
    print(json.dumps({
        "numpy": np.__version__,
        "btSeconds": bt_seconds,
        "dnSeconds": dn_seconds,
        "btAgreement": agreement(load(directory, "ours-bt", side), bt_lst, ndvi64(bt[2], bt[3]), meta),
        "dnAgreement": agreement(load(directory, "ours-dn", side), dn_lst, ndvi64(*dn_reflectance(dn, meta)), meta),
    }))


if __name__ == "__main__":
    main()
