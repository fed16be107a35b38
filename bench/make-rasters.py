"""Generates the benchmark rasters of bench/tiles.ts with Debian's python3-gdal.

Usage: /usr/bin/python3 bench/make-rasters.py OUT_DIR [SIDE_PX]

Writes, unless they already exist:
- lst-float32-cog.tif: SIDE x SIDE float32, a smooth LST-like field (kelvin) with noise,
  noData -9999 in a Landsat-like tilted footprint's corners, UTM zone 16N at 30 m,
  COG with DEFLATE + predictor 3 and overviews.
- landsat-uint16-cog.tif: the same field as Collection 2 Level-2 ST DNs (uint16,
  kelvin = DN * 0.00341802 + 149), fill 0, COG with DEFLATE + predictor 2 and overviews.
"""
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")

SIDE = 10_000
PIXEL_M = 30.0
ORIGIN = (300_000.0, 3_900_000.0)  # UTM 16N, around 35 N, 89 W
EPSG = 32616
CHUNK_ROWS = 500


def field_kelvin(rows: np.ndarray, cols: np.ndarray, side: int, rng) -> np.ndarray:
    """A smooth temperature field (280-320 K) with a few km-scale features and noise."""
    y = rows[:, None] / side
    x = cols[None, :] / side
    smooth = (
        300.0
        + 12.0 * np.sin(2 * np.pi * x * 1.3) * np.cos(2 * np.pi * y * 0.9)
        + 5.0 * np.sin(2 * np.pi * (x * 7.0 + y * 5.0))
        + 2.0 * np.cos(2 * np.pi * (x * 31.0 - y * 23.0))
    )
    noise = rng.normal(0.0, 0.4, size=smooth.shape)
    return (smooth + noise).astype(np.float32)


def footprint_mask(rows: np.ndarray, cols: np.ndarray, side: int) -> np.ndarray:
    """True inside a tilted (about 12 degrees) Landsat-like scene footprint."""
    y = rows[:, None].astype(np.float64)
    x = cols[None, :].astype(np.float64)
    c = side / 2.0
    angle = np.deg2rad(12.0)
    u = (x - c) * np.cos(angle) + (y - c) * np.sin(angle)
    v = -(x - c) * np.sin(angle) + (y - c) * np.cos(angle)
    half = side * 0.41
    return (np.abs(u) <= half) & (np.abs(v) <= half)


def write_source(path: str, side: int, kind: str) -> None:
    driver = gdal.GetDriverByName("GTiff")
    data_type = gdal.GDT_Float32 if kind == "float32" else gdal.GDT_UInt16
    options = ["TILED=YES", "COMPRESS=ZSTD", "BIGTIFF=IF_SAFER"]
    ds = driver.Create(path, side, side, 1, data_type, options)
    ds.SetGeoTransform((ORIGIN[0], PIXEL_M, 0.0, ORIGIN[1], 0.0, -PIXEL_M))
    srs = gdal.osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-9999.0 if kind == "float32" else 0)
    rng = np.random.default_rng(42)
    cols = np.arange(side)
    for start in range(0, side, CHUNK_ROWS):
        rows = np.arange(start, min(side, start + CHUNK_ROWS))
        kelvin = field_kelvin(rows, cols, side, rng)
        inside = footprint_mask(rows, cols, side)
        if kind == "float32":
            block = np.where(inside, kelvin, np.float32(-9999.0)).astype(np.float32)
        else:
            dn = np.clip(np.round((kelvin - 149.0) / 0.00341802), 1, 65535)
            block = np.where(inside, dn, 0).astype(np.uint16)
        band.WriteArray(block, 0, int(start))
    ds.FlushCache()
    ds = None


def make_cog(out_dir: str, name: str, side: int, kind: str) -> None:
    target = os.path.join(out_dir, name)
    if os.path.exists(target):
        print(f"{target}: exists")
        return
    source = os.path.join(out_dir, f"source-{name}")
    write_source(source, side, kind)
    partial = target + ".partial"
    gdal.Translate(
        partial,
        source,
        format="COG",
        creationOptions=[
            "COMPRESS=DEFLATE",
            "PREDICTOR=YES",
            "OVERVIEWS=AUTO",
            "BLOCKSIZE=512",
            "NUM_THREADS=ALL_CPUS",
            "BIGTIFF=IF_SAFER",
        ],
    )
    os.replace(partial, target)
    os.remove(source)
    print(f"{target}: written ({os.path.getsize(target) / 1e6:.0f} MB)")


def main() -> None:
    out_dir = sys.argv[1]
    side = int(sys.argv[2]) if len(sys.argv) > 2 else SIDE
    os.makedirs(out_dir, exist_ok=True)
    make_cog(out_dir, "lst-float32-cog.tif", side, "float32")
    make_cog(out_dir, "landsat-uint16-cog.tif", side, "uint16")


if __name__ == "__main__":
    main()
