/**
 * The engine's one door to TensorFlow.js: tfjs-core with every op's gradient registered
 * (the umbrella @tensorflow/tfjs package would do this too, but also brings layers and converters
 * the engine does not use). Backends are registered by whoever runs the engine.
 *
 * Keep the package entry first. In Node (tests, benchmarks) it loads as CommonJS while the gradient
 * modules load as a second, ES-module copy of tfjs-core; the copy that loads first creates the global
 * engine and so the class of every tensor. Only the entry's tensors carry the chained methods (clone,
 * cast) that some of tfjs's own gradients call: Cast's and AddN's, reached by any second-order
 * gradient through a relu (a gradient penalty). In the browser bundle there is one copy either way.
 */
export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
