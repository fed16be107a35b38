/**
 * The single import point of TensorFlow.js for src/models and its users: core ops as `tf`,
 * Keras-style layers as `tfl`. Importing this module registers no backend; call
 * `initBackend()` (backend.ts) before running ops.
 */
export * as tf from '@tensorflow/tfjs-core';
export * as tfl from '@tensorflow/tfjs-layers';
