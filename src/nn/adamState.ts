import * as tf from './tf';

/** An Adam optimizer's state as plain data: its step count, bias corrections and moments. */
export interface AdamState {
  iterations: number;
  /** beta1 and beta2 to the power of steps + 1, as tfjs keeps them (kept, not recomputed: bit-exact). */
  accBeta: [number, number];
  /** First moments then second moments, in the order of the variables it updates. */
  moments: { name: string; shape: number[]; values: Float32Array }[];
}

/** The fields tfjs marks protected, read and written here only. */
interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

export async function saveAdam(optimizer: tf.AdamOptimizer): Promise<AdamState> {
  const [iterations, ...moments] = await optimizer.getWeights();
  const { accBeta1, accBeta2 } = optimizer as unknown as AdamInternals;
  try {
    return {
      iterations: (await iterations!.tensor.data())[0]!,
      accBeta: [(await accBeta1.data())[0]!, (await accBeta2.data())[0]!],
      moments: await Promise.all(
        moments.map(async ({ name, tensor }) => ({
          name,
          shape: tensor.shape,
          values: ((await tensor.data()) as Float32Array).slice(),
        })),
      ),
    };
  } finally {
    iterations!.tensor.dispose();
  }
}

/** Puts `state` into `optimizer`, freeing the moments it had. */
export async function restoreAdam(optimizer: tf.AdamOptimizer, state: AdamState): Promise<void> {
  const [iterations, ...old] = await optimizer.getWeights();
  tf.dispose([iterations!.tensor, ...old.map((w) => w.tensor)]);
  const given = [
    { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') },
    ...state.moments.map(({ name, shape, values }) => ({ name, tensor: tf.tensor(values, shape) })),
  ];
  // setWeights copies each tensor into a variable of its own.
  await optimizer.setWeights(given);
  tf.dispose(given.map((w) => w.tensor));
  const { accBeta1, accBeta2 } = optimizer as unknown as AdamInternals;
  tf.tidy(() => {
    accBeta1.assign(tf.scalar(state.accBeta[0]));
    accBeta2.assign(tf.scalar(state.accBeta[1]));
  });
}
