import { describe, expect, it } from 'vitest';
import { percentile } from '../../../bench/support/open-loop.ts';
import { withIngestSection } from '../../../bench/support/report.ts';

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
