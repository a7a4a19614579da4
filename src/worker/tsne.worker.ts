/// <reference lib="webworker" />
/**
 * The t-SNE worker: computes maps on request, reporting progress, and nothing else. The page may
 * terminate it mid-map to cancel (a new request supersedes the old one).
 */
import * as Comlink from 'comlink';
import { tsneRequestProblem } from './tsneRequest';
import { tsne } from '../eval/embedding/tsne';
import { fail, ok } from '../data/table';
import type { TsneApi } from './tsneProtocol';

const api: TsneApi = {
  async embed(request, onProgress) {
    const problem = tsneRequestProblem(request);
    if (problem) return fail(problem);
    const positions = tsne(request.data, request.dim, {
      perplexity: request.perplexity,
      iterations: request.iterations,
      seed: request.seed,
      init: request.init,
      progressEvery: 10,
      onProgress: (done) => onProgress({ done, total: request.iterations }),
    });
    return Comlink.transfer(ok(positions), [positions.buffer]);
  },
};

Comlink.expose(api);
