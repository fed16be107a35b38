"""The GDAL peer of bench/tiles.ts: the same tiles, the same colormap, from Python.

Usage: /usr/bin/python3 bench/gdal_tiles.py < spec.json > result.json

spec: {"path": str, "tiles": [[z, x, y], ...], "lut": [r, g, b, ...] (256 entries),
       "rescale": [low, high], "scale": float, "offset": float, "zlevel": int,
       "decodeRuns": int, "rounds": int}
result: {"tileMs": [...] (per tile, the fastest of the rounds), "pngBytes": [...], "decodeMBps": [...], "decodeThreadedMBps": [...]}

Per tile (timed): gdal.Warp of the window to a 256 x 256 EPSG:3857 MEM dataset (nearest,
overviews chosen by GDAL), physical = raw * scale + offset, rescale to a 256-entry numpy LUT,
alpha 0 on noData, PNG through the MEM -> PNG driver into /vsimem. The dataset is opened
before the timer starts and closed after, so GDAL's block cache does not carry blocks from one
tile to the next (the same "cold" as ours: reader open, nothing decoded yet).
Decode: ReadAsArray of the whole band as float32 on a freshly opened dataset, MB/s of
decoded float32; once with the default single thread and once with GDAL_NUM_THREADS=ALL_CPUS.
"""
import json
import math
import sys
import time

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")

HALF_WORLD_M = math.pi * 6_378_137.0


def tile_bounds(z: int, x: int, y: int):
    size = 2 * HALF_WORLD_M / 2**z
    west = -HALF_WORLD_M + x * size
    north = HALF_WORLD_M - y * size
    return (west, north - size, west + size, north)


def render(ds, tile, lut, spec, nodata):
    warped = gdal.Warp(
        "",
        ds,
        format="MEM",
        outputBounds=tile_bounds(*tile),
        width=256,
        height=256,
        dstSRS="EPSG:3857",
        resampleAlg="near",
        dstNodata=nodata,
        multithread=False,
    )
    raw = warped.GetRasterBand(1).ReadAsArray().astype(np.float32)
    physical = raw * spec["scale"] + spec["offset"]
    low, high = spec["rescale"]
    index = np.clip(np.rint((physical - low) * (255.0 / (high - low))), 0, 255).astype(np.uint8)
    rgb = lut[index]
    mem = gdal.GetDriverByName("MEM").Create("", 256, 256, 4, gdal.GDT_Byte)
    for band in range(3):
        mem.GetRasterBand(band + 1).WriteArray(rgb[:, :, band])
    valid = ~np.isnan(raw) if nodata is None else (raw != nodata) & ~np.isnan(raw)
    mem.GetRasterBand(4).WriteArray(np.where(valid, 255, 0).astype(np.uint8))
    name = "/vsimem/bench-tile.png"
    gdal.GetDriverByName("PNG").CreateCopy(name, mem, options=[f"ZLEVEL={spec['zlevel']}"])
    size = gdal.VSIStatL(name).size
    gdal.Unlink(name)
    return size


def decode_mbps(path: str, threads: bool) -> float:
    options = ["NUM_THREADS=ALL_CPUS"] if threads else []
    ds = gdal.OpenEx(path, gdal.OF_RASTER, open_options=options)
    band = ds.GetRasterBand(1)
    start = time.perf_counter()
    data = band.ReadAsArray(buf_type=gdal.GDT_Float32)
    elapsed = time.perf_counter() - start
    megabytes = data.size * 4 / 1e6
    del data
    ds = None
    return megabytes / elapsed


def main() -> None:
    spec = json.load(sys.stdin)
    lut = np.array(spec["lut"], dtype=np.uint8).reshape(256, 3)
    tile_ms = [float("inf")] * len(spec["tiles"])
    png_bytes = [0] * len(spec["tiles"])
    for _ in range(spec.get("rounds", 1)):
        for i, tile in enumerate(spec["tiles"]):
            ds = gdal.Open(spec["path"])
            nodata = ds.GetRasterBand(1).GetNoDataValue()
            start = time.perf_counter()
            png_bytes[i] = render(ds, tile, lut, spec, nodata)
            tile_ms[i] = min(tile_ms[i], (time.perf_counter() - start) * 1000)
            ds = None
    runs = spec.get("decodeRuns", 0)
    result = {
        "tileMs": tile_ms,
        "pngBytes": png_bytes,
        "decodeMBps": [decode_mbps(spec["path"], False) for _ in range(runs)],
        "decodeThreadedMBps": [decode_mbps(spec["path"], True) for _ in range(runs)],
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
