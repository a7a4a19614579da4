import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../worker/nodeBackends';
import { chooseBackend, probeCandidates } from './backend';
import { makeProbeModel } from './probe';
import * as tf from './tf';

describe('which backends are timed', () => {
  const swiftShader = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)';

  it('times WebGPU only on a real adapter and WebGL only on a hardware renderer; wasm always', () => {
    expect(probeCandidates({ realGpu: null, webglRenderer: swiftShader })).toEqual(['wasm']);
    expect(probeCandidates({ realGpu: null, webglRenderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toEqual([
      'wasm',
    ]);
    expect(probeCandidates({ realGpu: null, webglRenderer: null })).toEqual(['wasm']);
    expect(probeCandidates({ realGpu: null, webglRenderer: 'ANGLE (Intel, Mesa Intel(R) UHD 620)' })).toEqual(
      ['webgl', 'wasm'],
    );
    expect(probeCandidates({ realGpu: 'nvidia ampere', webglRenderer: 'NVIDIA GeForce RTX 3060' })).toEqual([
      'webgpu',
      'webgl',
      'wasm',
    ]);
  });

  it('falls back to cpu only when no candidate works, and says what it timed', async () => {
    await useNodeBackend('wasm');
    const wasm = await chooseBackend({ realGpu: null, candidates: ['wasm'], makeProbe: makeProbeModel });
    expect(wasm.name).toBe('wasm');
    expect(wasm.probes.map((p) => p.name)).toEqual(['wasm']);
    expect(wasm.reason).toMatch(/timed probe of wasm/);

    // No webgl backend is registered in Node: it cannot start, so cpu is timed and chosen.
    const fallback = await chooseBackend({ realGpu: null, candidates: ['webgl'], makeProbe: makeProbeModel });
    expect(fallback.name).toBe('cpu');
    expect(fallback.probes.map((p) => [p.name, p.msPerStep === null])).toEqual([
      ['webgl', true],
      ['cpu', false],
    ]);
    await useNodeBackend('wasm');
  });

  it('never tries a backend that failed on the page, and skips one that fails its probe step', async () => {
    await useNodeBackend('wasm');
    // WebGPU lost its device on a machine with a GPU: the rest are timed.
    const gpuLost = await chooseBackend({
      realGpu: 'a GPU',
      candidates: ['webgpu', 'wasm'],
      makeProbe: makeProbeModel,
      avoid: ['webgpu'],
    });
    expect(gpuLost.name).toBe('wasm');
    expect(gpuLost.probes.map((p) => p.name)).toEqual(['wasm']);
    expect(gpuLost.reason).toMatch(/webgpu left out, having failed on this page/);

    // The last candidate failed too: cpu, the last resort.
    const lastResort = await chooseBackend({
      realGpu: null,
      candidates: ['wasm'],
      makeProbe: makeProbeModel,
      avoid: ['webgpu', 'wasm'],
    });
    expect(lastResort.name).toBe('cpu');
    expect(lastResort.probes.map((p) => p.name)).toEqual(['cpu']);

    // A backend whose first step throws (here wasm, as a lost device would) is skipped.
    const failsOnWasm = () => {
      const probe = makeProbeModel();
      return {
        step: async () => {
          if (tf.getBackend() === 'wasm') throw new Error('the device was lost');
          await probe.step();
        },
        dispose: () => probe.dispose(),
      };
    };
    const skipped = await chooseBackend({ realGpu: null, candidates: ['wasm'], makeProbe: failsOnWasm });
    expect(skipped.name).toBe('cpu');
    expect(skipped.probes.map((p) => [p.name, p.note.replace(/[\d.]+ ms/, 'N ms')])).toEqual([
      ['wasm', 'failed a training step: Error: the device was lost'],
      ['cpu', 'N ms per probe step'],
    ]);

    await expect(
      chooseBackend({
        realGpu: null,
        candidates: ['wasm'],
        makeProbe: makeProbeModel,
        avoid: ['wasm', 'cpu'],
      }),
    ).rejects.toThrow(
      /No TensorFlow.js backend works here: wasm failed on this page; cpu failed on this page/,
    );
    await useNodeBackend('wasm');
  });
});
