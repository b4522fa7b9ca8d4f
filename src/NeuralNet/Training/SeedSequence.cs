namespace NeuralNet.Training;

/// <summary>
/// Derives the seed of every random stream of one epoch from (TrainerOptions.Seed, epoch, stream), so an epoch's
/// shuffle, augmentation and dropout masks do not depend on the epochs before it and a resumed run draws exactly what
/// the uninterrupted run drew (System.Random's position cannot be saved, but it can be re-derived).
/// </summary>
/// <remarks>
/// Three rounds of SplitMix64's finaliser (Steele, Lea &amp; Flood 2014) over seed, epoch and stream: fixed across
/// processes and platforms, unlike <see cref="HashCode.Combine{T1, T2}"/>, which is randomised per process.
/// </remarks>
internal static class SeedSequence
{
    /// <summary>The order of the samples.</summary>
    public const int Shuffle = 0;

    /// <summary>The augmentation's random choices (<see cref="TrainerOptions.Augmentation"/>).</summary>
    public const int Augmentation = 1;

    /// <summary>Layer l's dropout masks use stream Dropout + l.</summary>
    public const int Dropout = 2;

    /// <summary>A non-negative seed for <c>new Random(…)</c>.</summary>
    public static int Derive(int seed, int epoch, int stream)
    {
        ulong z = Mix((uint)seed);
        z = Mix(z ^ (uint)epoch);
        z = Mix(z ^ (uint)stream);
        return (int)(z >> 33);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
