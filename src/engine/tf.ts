/**
 * The engine's one door to TensorFlow.js: tfjs-core with every op's gradient registered
 * (the umbrella @tensorflow/tfjs package would do this too, but also brings layers and converters
 * the engine does not use). Backends are registered by whoever runs the engine.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export * from '@tensorflow/tfjs-core';
