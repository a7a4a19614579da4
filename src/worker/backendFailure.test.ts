import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend, type BackendName } from '../nn/backend';
import { activeGpuDevice, watchGpuDevice } from '../nn/deviceLoss';
import { makeProbeModel } from '../nn/probe';
import * as tf from '../nn/tf';
import { cganPlugin } from '../models/cgan';
import type { ModelPlugin } from '../models/model';
import { startDawn } from '../../test-support/dawn';
import { penguinsBytes, SMALL_RUNS } from '../../test-support/smallRuns';
import { nodeSessionEnvironment, useNodeBackend } from './nodeBackends';
import type { EngineEvent, RunCheckpoint } from './protocol';
import { EngineSession, type SessionEnvironment } from './session';

/*
 * A backend that stops working under the run is left for the next one: the session tells the page
 * (`backend-failed`, which app/engineClient.ts answers with a new worker avoiding it, as for a dead
 * worker), and a new session that avoids it resumes the run from its checkpoint. A GPU device lost for
 * real (WebGPU on Dawn, destroyed), and a backend that fails the run's first step.
 */
const settings = SMALL_RUNS.cgan;

async function openSession(
  environment: SessionEnvironment,
  avoid: BackendName[] = [],
  plugins?: ModelPlugin[],
) {
  const events: EngineEvent[] = [];
  const session = new EngineSession(environment, plugins);
  const backend = await session.init((e) => events.push(e), avoid);
  const loaded = await session.loadFile(penguinsBytes(), 'penguins.csv');
  if (!loaded.ok) throw new Error(loaded.error);
  const of = <T extends EngineEvent['type']>(type: T) =>
    events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
  return { session, backend, events, of };
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = performance.now() + ms; !condition() && performance.now() < end; ) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

describe('a GPU device lost under the run (WebGPU on Dawn)', () => {
  let unavailable: string | null = null;
  beforeAll(async () => {
    unavailable = await startDawn();
    await useNodeBackend('wasm');
  }, 60_000);

  /** WebGPU first, as on a machine with a GPU, through the page's own choice and device watch. */
  const gpuFirst = (): SessionEnvironment => ({
    ...nodeSessionEnvironment('wasm'),
    chooseBackend: (avoid) =>
      chooseBackend({ realGpu: 'Dawn', candidates: ['webgpu', 'wasm'], makeProbe: makeProbeModel, avoid }),
    watchBackend: watchGpuDevice,
  });

  it('stops training, says so, and a session avoiding WebGPU resumes from the checkpoint', async (context) => {
    if (unavailable) {
      console.warn(`WebGPU device-loss test skipped: ${unavailable}`);
      context.skip();
    }
    const first = await openSession(gpuFirst());
    expect(first.backend.name).toBe('webgpu');
    for (let i = 0; i < 3; i++) expect((await first.session.step(settings)).ok).toBe(true);
    await first.session.pause();
    const saved: RunCheckpoint = first.of('checkpoint').at(-1)!.checkpoint;
    expect(saved.checkpoint.step).toBe(3);
    expect((await first.session.train(settings)).ok).toBe(true);

    activeGpuDevice()!.destroy();
    expect(await until(() => first.of('backend-failed').length > 0, 20_000), 'backend-failed sent').toBe(
      true,
    );
    expect(first.of('backend-failed')).toEqual([
      {
        type: 'backend-failed',
        backend: 'webgpu',
        message: expect.stringMatching(/WebGPU lost its GPU device \(destroyed/),
      },
    ]);
    // The session stops training (the page replaces its worker: nothing else is asked of it).
    expect(await until(() => first.of('progress').at(-1)?.progress.status !== 'training', 20_000)).toBe(true);

    const second = await openSession(gpuFirst(), ['webgpu']);
    expect(second.backend.name).toBe('wasm');
    expect(second.backend.reason).toMatch(/webgpu left out, having failed on this page/);
    const resumed = await second.session.resume(structuredClone(saved));
    expect(resumed.ok && resumed.value).toMatchObject({ step: 3, status: 'paused' });
    const stepped = await second.session.step(settings);
    expect(stepped.ok && stepped.value.step).toBe(4);
    await second.session.reset();
  }, 180_000);
});

/** The CGAN, except that on wasm its steps from `failFrom` on throw, as a kernel the backend lacks would. */
function failingOnWasm(failFrom: number): ModelPlugin {
  return {
    ...(cganPlugin as unknown as ModelPlugin),
    create: (...args) => {
      const model = (cganPlugin as unknown as ModelPlugin).create(...args);
      const trainStep = model.trainStep.bind(model);
      let steps = 0;
      model.trainStep = (batch, rng) => {
        if (tf.getBackend() === 'wasm' && steps++ >= failFrom)
          throw new Error("Kernel 'Softplus' not registered for backend 'wasm'");
        return trainStep(batch, rng);
      };
      return model;
    },
  };
}

describe('a backend that fails a training step', () => {
  it('is left when it fails the first step: a session avoiding it trains', async () => {
    const plugins = [failingOnWasm(0)];
    const first = await openSession(nodeSessionEnvironment('wasm'), [], plugins);
    expect((await first.session.train(settings)).ok).toBe(true);
    expect(await until(() => first.of('backend-failed').length > 0, 10_000)).toBe(true);
    expect(first.of('backend-failed')[0]).toMatchObject({
      backend: 'wasm',
      message: expect.stringMatching(/wasm failed its first training step: .*Softplus/),
    });
    expect((await first.session.pause()).status).toBe('paused');
    const stepped = await first.session.step(settings);
    expect(stepped.ok || stepped.error).toMatch(/The step failed/);
    await first.session.reset();

    const second = await openSession(nodeSessionEnvironment('wasm'), ['wasm'], plugins);
    expect(second.backend.name).toBe('cpu');
    for (let i = 0; i < 3; i++) expect((await second.session.step(settings)).ok).toBe(true);
    expect(second.of('backend-failed')).toEqual([]);
    await second.session.reset();
    await useNodeBackend('wasm');
  });

  it('pauses with the error when a later step fails, keeps the backend and offers Roll back', async () => {
    const { session, of } = await openSession(nodeSessionEnvironment('wasm'), [], [failingOnWasm(5)]);
    expect((await session.train(settings)).ok).toBe(true);
    expect(await until(() => of('alert').length > 0, 10_000)).toBe(true);
    expect(of('alert')[0]!.message).toMatch(
      /Training stopped: a step failed \(.*Softplus.*\)\. Or press Roll back to return to step 0\./,
    );
    expect(of('backend-failed')).toEqual([]);
    expect(await session.pause()).toMatchObject({ status: 'paused', rollbackStep: 0 });
    expect((await session.train(settings)).ok).toBe(false);
    const rolled = await session.rollBack();
    expect(rolled.ok && rolled.value).toMatchObject({ step: 0, status: 'paused', rollbackStep: null });
    await session.reset();
  });
});
