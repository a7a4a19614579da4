import * as tf from './tf';

import { BACKEND_NAMES, type BackendInfo, type BackendName, type BackendProbe } from './backendNames';

export { BACKEND_NAMES, type BackendInfo, type BackendName, type BackendProbe };

/**
 * Switches tfjs to `name` and says whether it really did. setBackend can resolve false, or quietly
 * leave another backend active (webgpu without an adapter), so both are checked.
 */
export async function activateBackend(name: BackendName): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** A real training step on the active backend; `step` resolves when its losses are read back. */
export interface ProbeModel {
  step(): Promise<void>;
  dispose(): void;
}

/** Builds a probe model on whichever backend is active when it is called. */
export type MakeProbe = () => ProbeModel;

/**
 * Activates `name`, runs one untimed step (shader compilation, wasm start-up), then times `runs` steps.
 * A backend is trusted only once a real step has run on it.
 */
export async function probeBackend(name: BackendName, makeProbe: MakeProbe, runs = 3): Promise<BackendProbe> {
  if (!(await activateBackend(name))) return { name, msPerStep: null, note: 'could not be activated' };
  let probe: ProbeModel | undefined;
  try {
    probe = makeProbe();
    await probe.step();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await probe.step();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)]!;
    return { name, msPerStep: ms, note: `${ms.toFixed(1)} ms per probe step` };
  } catch (error) {
    return { name, msPerStep: null, note: `failed a training step: ${String(error)}` };
  } finally {
    probe?.dispose();
  }
}

/** Activates `name` and runs one real training step on it: how a remembered choice is checked. */
export async function verifyBackend(name: BackendName, makeProbe: MakeProbe): Promise<BackendProbe> {
  if (!(await activateBackend(name))) return { name, msPerStep: null, note: 'could not be activated' };
  let probe: ProbeModel | undefined;
  try {
    const start = performance.now();
    probe = makeProbe();
    await probe.step();
    const ms = performance.now() - start;
    return { name, msPerStep: ms, note: `${ms.toFixed(1)} ms for a first training step` };
  } catch (error) {
    return { name, msPerStep: null, note: `failed a training step: ${String(error)}` };
  } finally {
    probe?.dispose();
  }
}

/** Renderers that draw WebGL on the CPU. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * The backends worth timing, from what the browser says about its graphics: WebGPU only on a real
 * adapter and WebGL only on a hardware renderer (in software both are slower than wasm: research
 * notes, section 1), wasm always. Plain-JS cpu is never faster than wasm; chooseBackend falls back to
 * it when nothing else works. Timing fewer backends is what makes a first visit start in about a
 * second instead of several.
 */
export function probeCandidates(graphics: {
  realGpu: string | null;
  webglRenderer: string | null;
}): BackendName[] {
  const webgl = graphics.webglRenderer !== null && !SOFTWARE_RENDERER.test(graphics.webglRenderer);
  return [...(graphics.realGpu ? ['webgpu' as const] : []), ...(webgl ? ['webgl' as const] : []), 'wasm'];
}

/**
 * Chooses a backend from facts: WebGPU first when a real (non-fallback) GPU adapter exists, since a
 * software adapter is the slowest choice of all; otherwise the fastest of the rest by a timed probe,
 * and cpu when none of the candidates works. A backend that fails its probe's first step is skipped,
 * and one that failed under a run earlier on the page (`avoid`) is not tried at all.
 */
export async function chooseBackend(options: {
  realGpu: string | null;
  candidates: readonly BackendName[];
  makeProbe: MakeProbe;
  /** Never tried, not even as the last resort: they failed earlier on this page. */
  avoid?: readonly BackendName[];
}): Promise<BackendInfo> {
  const avoid = options.avoid ?? [];
  const candidates = options.candidates.filter((name) => !avoid.includes(name));
  const probes: BackendProbe[] = [];
  if (options.realGpu && candidates.includes('webgpu')) {
    const probe = await probeBackend('webgpu', options.makeProbe);
    probes.push(probe);
    if (probe.msPerStep !== null) {
      return { name: 'webgpu', reason: `a real GPU adapter was found (${options.realGpu})`, probes };
    }
  }
  for (const name of candidates) {
    if (name !== 'webgpu') probes.push(await probeBackend(name, options.makeProbe));
  }
  const cpuLeft = !candidates.includes('cpu') && !avoid.includes('cpu');
  if (probes.every((p) => p.msPerStep === null) && cpuLeft)
    probes.push(await probeBackend('cpu', options.makeProbe));
  const working = probes.filter((p) => p.msPerStep !== null).sort((a, b) => a.msPerStep! - b.msPerStep!);
  const best = working[0];
  if (!best)
    throw new Error(
      `No TensorFlow.js backend works here: ${[
        ...probes.map((p) => `${p.name} ${p.note}`),
        ...avoid.map((name) => `${name} failed on this page`),
      ].join('; ')}`,
    );
  if (!(await activateBackend(best.name)))
    throw new Error(`Backend ${best.name} stopped working after its probe.`);
  const gpuNote = options.realGpu ? '' : 'no real GPU adapter, so ';
  const timed = probes.map((p) => p.name).join(', ');
  const avoided = avoid.length > 0 ? `; ${avoid.join(' and ')} left out, having failed on this page` : '';
  return {
    name: best.name,
    reason: `${gpuNote}the fastest in a timed probe of ${timed} (${best.note})${avoided}`,
    probes,
  };
}
