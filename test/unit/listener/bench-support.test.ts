import { describe, expect, it } from 'vitest';
import { percentile } from '../../../bench/support/open-loop.ts';
import { medianRows, withIngestSection } from '../../../bench/support/report.ts';
import type { RunRow } from '../../../bench/support/report.ts';

describe('withIngestSection (docs/benchmarks.md)', () => {
  const section = '## Ingest\n\nnew figures\n';

  it('creates the document when there is none', () => {
    expect(withIngestSection(null, section)).toBe('# Benchmarks\n\n## Ingest\n\nnew figures\n');
  });

  it('adds the section after what is there', () => {
    expect(withIngestSection('# Benchmarks\n\n## UI\n\nui figures\n', section)).toBe('# Benchmarks\n\n## UI\n\nui figures\n\n## Ingest\n\nnew figures\n');
  });

  it('replaces only the Ingest section, keeping the sections around it', () => {
    const current = '# Benchmarks\n\n## Setup\n\nsetup\n\n## Ingest\n\nold figures\n### Detail\nold\n\n## UI\n\nui figures\n';
    expect(withIngestSection(current, section)).toBe('# Benchmarks\n\n## Setup\n\nsetup\n\n## Ingest\n\nnew figures\n\n## UI\n\nui figures\n');
  });
});

describe('percentile', () => {
  it('takes the nearest rank of ascending values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 99), percentile(values, 100)]).toEqual([50, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('medianRows', () => {
  const row = (kind: RunRow['kind'], requestsPerSecond: number, missing: number): RunRow => ({
    run: 'max',
    kind,
    requestsPerSecond,
    p50: requestsPerSecond / 1000,
    p99: requestsPerSecond / 100,
    failures: 1,
    acknowledged: 100,
    missing: { stored: 100, missing },
    serverCpuMsPer1k: 50,
    store: null,
  });

  it('keeps one row per configuration with the median figures, the range, and summed losses', () => {
    const rows = medianRows([row('listener', 3000, 0), row('bare', 9000, 0), row('listener', 1000, 1), row('listener', 2000, 0)]);
    expect(rows.map((r) => [r.kind, r.requestsPerSecond, r.p50, r.range, r.missing?.missing, r.failures])).toEqual([
      ['listener', 2000, 2, { min: 1000, max: 3000, p99Min: 10, p99Max: 30, runs: 3 }, 1, 3],
      ['bare', 9000, 9, { min: 9000, max: 9000, p99Min: 90, p99Max: 90, runs: 1 }, 0, 1],
    ]);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(medianRows([row('bare', 1000, 0), row('bare', 4000, 0)])[0]?.requestsPerSecond).toBe(2500);
  });
});
