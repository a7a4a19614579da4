import type { NamedTensor, NamedVariableMap } from '@tensorflow/tfjs-core/dist/tensor_types';
import * as tf from './tf';
import { ADAM_UPDATE_KERNEL, adamUpdateOn, wasmHeap } from './adamKernel';

/**
 * Changes an Adam optimizer's learning rate in place. Recreating the optimizer instead would reset its
 * moment estimates (and leak them unless disposed). tfjs reads the field on every step but marks it
 * protected, hence the cast.
 */
export function setLearningRate(optimizer: tf.AdamOptimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/** tfjs's Adam (tf.train.adam), taking one pass a variable on the wasm backend (adamKernel.ts). */
export function adam(learningRate: number, beta1 = 0.9, beta2 = 0.999): tf.AdamOptimizer {
  return new OnePassAdam(learningRate, beta1, beta2);
}

/** The fields of tfjs's AdamOptimizer that it marks protected, read and written here only. */
interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  incrementIterations(): void;
}

/**
 * The same optimizer, state and numbers as tfjs's AdamOptimizer (its moments, names and bias
 * corrections, so saving and restoring it is unchanged); only where its update runs differs.
 */
class OnePassAdam extends tf.AdamOptimizer {
  override applyGradients(gradients: NamedVariableMap | NamedTensor[]): void {
    if (!onePassAvailable()) {
      super.applyGradients(gradients);
      return;
    }
    const self = this as unknown as AdamInternals;
    const names = Array.isArray(gradients) ? gradients.map((g) => g.name) : Object.keys(gradients);
    const f = Math.fround;
    // As tfjs's scalars hold them (float32), and 1 − accBeta as its float32 subtraction gives it.
    const constants = {
      beta1: f(self.beta1),
      oneMinusBeta1: f(1 - self.beta1),
      beta2: f(self.beta2),
      oneMinusBeta2: f(1 - self.beta2),
      correction1: f(1 - self.accBeta1.dataSync()[0]!),
      correction2: f(1 - self.accBeta2.dataSync()[0]!),
      epsilon: f(self.epsilon),
      negativeRate: f(-self.learningRate),
    };
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name]!;
        const moment = (suffix: string) => ({
          originalName: `${name}/${suffix}`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        });
        self.accumulatedFirstMoment[i] ??= moment('m');
        self.accumulatedSecondMoment[i] ??= moment('v');
        const gradient = Array.isArray(gradients) ? gradients[i]!.tensor : gradients[name];
        if (gradient == null) return;
        const first = self.accumulatedFirstMoment[i]!.variable;
        const second = self.accumulatedSecondMoment[i]!.variable;
        const [w, m, v] = tf
          .engine()
          .runKernel(
            ADAM_UPDATE_KERNEL,
            { w: value, m: first, v: second, g: gradient },
            constants as unknown as tf.NamedAttrMap,
          ) as tf.Tensor[];
        first.assign(m!);
        second.assign(v!);
        value.assign(w!);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    self.incrementIterations();
  }
}

function onePassAvailable(): boolean {
  if (tf.getBackend() !== 'wasm' || !tf.getKernel(ADAM_UPDATE_KERNEL, 'wasm')) return false;
  const heap = wasmHeap(tf.backend());
  return heap !== null && adamUpdateOn(heap) !== null;
}
