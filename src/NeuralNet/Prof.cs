namespace NeuralNet;
/// <summary>scratch</summary>
internal static class Prof { internal static readonly long[] T = new long[8]; }
