/**
 * t-SNE benchmark: time of the project's Barnes-Hut t-SNE (src/eval/embedding/tsne.ts) for 500, 2,000 and
 * 5,000 points of 60 dimensions (ten Gaussian clusters; perplexity 30, 500 iterations, theta 0.5), in
 * Node on this machine, with the map's quality: the share of points whose nearest neighbour on the map
 * comes from the same cluster. CPU time is printed beside wall time because the machine is shared.
 *
 * Run: npm run bench:tsne [-- 500,2000]
 */
import { performance } from 'node:perf_hooks';
import { nearestNeighbours } from '../../src/eval/embedding/neighbours';
import { gaussianBlobs, neighbourAgreement } from '../../test-support/embedding';
import { tsne } from '../../src/eval/embedding/tsne';

const DIM = 60;
const ITERATIONS = 500;
const sizes = (process.argv[2] ?? '500,2000,5000').split(',').map(Number);

console.log(
  `Barnes-Hut t-SNE: ${DIM} dimensions, perplexity 30, ${ITERATIONS} iterations, theta 0.5; Node ${process.version}`,
);
console.log('points | wall (s) | CPU (s) | of which neighbours (s) | same-cluster neighbour');
for (const count of sizes) {
  const { data, labels } = gaussianBlobs(Math.ceil(count / 10), 10, DIM, 6, 1);
  const points = data.subarray(0, count * DIM);
  const knnStart = performance.now();
  nearestNeighbours(points, DIM, 90);
  const knnSeconds = (performance.now() - knnStart) / 1000;

  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const map = tsne(points, DIM, { perplexity: 30, iterations: ITERATIONS, seed: 1 });
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const agreement = neighbourAgreement(map, labels.subarray(0, count));
  console.log(
    [
      String(count).padStart(6),
      wall.toFixed(2).padStart(8),
      ((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(7),
      knnSeconds.toFixed(2).padStart(23),
      agreement.toFixed(3).padStart(22),
    ].join(' | '),
  );
}
