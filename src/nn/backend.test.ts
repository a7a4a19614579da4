import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../worker/nodeBackends';
import { chooseBackend, probeCandidates } from './backend';
import { makeProbeModel } from './probe';

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
});
