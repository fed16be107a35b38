/**
 * GDAL peers for tests: the COG validator of python3-gdal and a small numpy reader. Both fail
 * with a clear message when Debian's python3-gdal is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';
const VALIDATOR_MODULE = 'osgeo_utils.samples.validate_cloud_optimized_geotiff';

function requirePythonGdal(): void {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} missing: install Debian python3-gdal`);
  try {
    execFileSync(PYTHON, ['-c', 'import osgeo.gdal, numpy'], { stdio: 'pipe' });
  } catch {
    throw new Error('python3-gdal (osgeo) or python3-numpy missing: apt-get install python3-gdal');
  }
}

/** Validator output per file: empty array when the file is a valid COG, else its errors. */
export function cogValidationErrors(files: readonly string[]): Record<string, string[]> {
  requirePythonGdal();
  const script = [
    'import json, sys',
    `from ${VALIDATOR_MODULE} import validate`,
    'out = {}',
    'for f in sys.argv[1:]:',
    '    warnings, errors, details = validate(f, full_check=True)',
    '    out[f] = errors',
    'print(json.dumps(out))',
  ].join('\n');
  const stdout = execFileSync(PYTHON, ['-c', script, ...files], {
    encoding: 'utf8',
    env: { ...process.env, GDAL_PAM_ENABLED: 'NO' },
  });
  return JSON.parse(stdout) as Record<string, string[]>;
}

/** Values of band `band` (1-based) at overview `overview` (-1: full resolution), read by GDAL. */
export function gdalValues(file: string, band = 1, overview = -1): number[][] {
  requirePythonGdal();
  const script = [
    'import json, sys, math',
    'from osgeo import gdal',
    'ds = gdal.Open(sys.argv[1])',
    'b = ds.GetRasterBand(int(sys.argv[2]))',
    'o = int(sys.argv[3])',
    'b = b if o < 0 else b.GetOverview(o)',
    'a = b.ReadAsArray().tolist()',
    'print(json.dumps([[None if isinstance(v, float) and math.isnan(v) else v for v in r] for r in a]))',
  ].join('\n');
  const stdout = execFileSync(PYTHON, ['-c', script, file, String(band), String(overview)], {
    encoding: 'utf8',
    env: { ...process.env, GDAL_PAM_ENABLED: 'NO' },
    maxBuffer: 64 << 20,
  });
  return (JSON.parse(stdout) as (number | null)[][]).map((row) => row.map((v) => v ?? NaN));
}
