namespace NeuralNet.Data;

/// <summary>
/// Loads the repository's MNIST subset from <c>data/mnist/</c>: <see cref="TrainCount"/> training
/// and <see cref="TestCount"/> test images of 28 × 28 pixels, as <see cref="Dataset"/>s whose
/// inputs are 784 × n (one column per image, pixels ÷ 255) and targets 10 × n (one-hot).
/// </summary>
/// <remarks>
/// The files keep the names of the original MNIST distribution (<c>train-images-idx3-ubyte.gz</c>,
/// <c>train-labels-idx1-ubyte.gz</c>, <c>t10k-images-idx3-ubyte.gz</c>, <c>t10k-labels-idx1-ubyte.gz</c>),
/// so <see cref="Load(string)"/> also reads a folder with the full 60,000 + 10,000 images.
/// How the subset was made is described in <c>data/README.md</c>.
/// </remarks>
public static class MnistSubset
{
    /// <summary>Number of training images in the repository's subset.</summary>
    public const int TrainCount = 8000;

    /// <summary>Number of test images in the repository's subset.</summary>
    public const int TestCount = 2000;

    private const string TrainImages = "train-images-idx3-ubyte";
    private const string TrainLabels = "train-labels-idx1-ubyte";
    private const string TestImages = "t10k-images-idx3-ubyte";
    private const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>Loads the subset from the folder that <see cref="FindDirectory"/> finds.</summary>
    /// <returns>Train (8,000 samples) and test (2,000 samples), in file order.</returns>
    /// <exception cref="DirectoryNotFoundException">No <c>data/mnist/</c> was found; the message lists where it looked.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static MnistSplit Load() => Load(FindDirectory());

    /// <summary>Loads the four IDX files from <paramref name="directory"/>. For each, the
    /// <c>.gz</c> name is tried first, then the uncompressed name.</summary>
    /// <param name="directory">A folder holding the four MNIST-named IDX files.</param>
    /// <returns>Train and test, in file order, with whatever counts the files hold.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing under both names.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or holds no images, or image and label counts differ.</exception>
    public static MnistSplit Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"MNIST folder not found: '{full}'.");
        }

        Dataset train = NotEmpty(Resolve(full, TrainImages), Resolve(full, TrainLabels));
        Dataset test = NotEmpty(Resolve(full, TestImages), Resolve(full, TestLabels));
        return new MnistSplit(train, test);
    }

    /// <summary>An IDX file may announce 0 images, but a training or test set of none would train "successfully" on nothing.</summary>
    private static Dataset NotEmpty(string images, string labels)
    {
        var set = Dataset.FromIdx(images, labels);
        return set.Count > 0 ? set : throw new InvalidDataException($"'{images}' holds 0 images: a training or test set needs at least one.");
    }

    /// <summary>
    /// Finds the repository's <c>data/mnist/</c> folder: walks up from
    /// <see cref="AppContext.BaseDirectory"/>, then from <see cref="Environment.CurrentDirectory"/>,
    /// and returns the first <c>&lt;ancestor&gt;/data/mnist</c> that holds <c>train-images-idx3-ubyte.gz</c>.
    /// </summary>
    /// <returns>The full path of the folder.</returns>
    /// <exception cref="DirectoryNotFoundException">None was found; the message lists every folder
    /// tried and says to pass the folder to <see cref="Load(string)"/>.</exception>
    public static string FindDirectory()
    {
        var tried = new List<string>();
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", "mnist");
                if (File.Exists(Path.Combine(candidate, TrainImages + ".gz")))
                {
                    return candidate;
                }

                tried.Add(candidate);
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find data/mnist/ holding {TrainImages}.gz. Looked in: {string.Join(", ", tried.Distinct())}. " +
            "Pass the folder explicitly: MnistSubset.Load(\"path/to/data/mnist\").");
    }

    private static string Resolve(string directory, string name)
    {
        string gz = Path.Combine(directory, name + ".gz");
        if (File.Exists(gz))
        {
            return gz;
        }

        string plain = Path.Combine(directory, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        throw new FileNotFoundException($"MNIST file not found: tried '{gz}' and '{plain}'.", gz);
    }
}
