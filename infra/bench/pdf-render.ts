/**
 * The estimate PDF's render time, in this process (warm: fonts read, parsed and measured once by
 * a first render that is not counted): renderEstimatePdf on the 3 options × 10 lines sample
 * (shared/estimates/pdf/sample-estimate.ts, the one its tests render). The cold side (load the
 * bundle + first render) belongs with the cold starts, built with esbuildOptionsFor and the fonts
 * copied beside the bundle by copyPdfFonts (infra/stack/bundling.ts).
 */
import { performance } from 'node:perf_hooks';
import { renderEstimatePdf } from '../../shared/estimates/pdf/render-estimate-pdf';
import { sampleEstimatePdfInput } from '../../shared/estimates/pdf/sample-estimate';
import { median, percentile } from './report';

export async function benchPdfRender(runs = 20): Promise<{ medianMs: number; p95Ms: number; bytes: number }> {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`benchPdfRender: runs must be a positive integer, not ${runs}`);
  const input = sampleEstimatePdfInput();
  const { length: bytes } = await renderEstimatePdf(input);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await renderEstimatePdf(input);
    samples.push(performance.now() - start);
  }
  return { medianMs: median(samples), p95Ms: percentile(samples, 95), bytes };
}
