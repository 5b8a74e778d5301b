package io.parley.bot.matching;

/** Feature indices with their values; indices are distinct. */
record SparseVector(int[] indices, float[] values) {
}
