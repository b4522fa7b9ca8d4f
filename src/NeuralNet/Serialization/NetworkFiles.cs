namespace NeuralNet.Serialization;

/// <summary>
/// <c>network.Save(path)</c> and <c>Network.Load(path)</c>: extension members (C# 14) over <see cref="ModelFile"/>, so the
/// core <see cref="Network"/> does not depend on the file format. Bring them in with <c>using NeuralNet.Serialization;</c>.
/// </summary>
/// <example><code>
/// using NeuralNet.Serialization;
/// network.Save("xor.json");
/// var again = Network.Load("xor.json");
/// </code></example>
public static class NetworkFiles
{
    extension(Network network)
    {
        /// <summary>Saves this network to a versioned JSON file (architecture, bit-exact parameters, batch-norm statistics, metadata), atomically; see <see cref="ModelFile"/>.</summary>
        /// <param name="path">The file to write; an existing file is replaced only once the new one is complete.</param>
        /// <param name="metadata">Optional description and training summary.</param>
        /// <exception cref="InvalidOperationException">A parameter is NaN or infinite.</exception>
        /// <exception cref="NotSupportedException">A layer is not a built-in <see cref="Layer"/> (naming it).</exception>
        public void Save(string path, ModelMetadata? metadata = null) => ModelFile.Save(network, path, metadata);

        /// <summary>Loads a network saved by <c>Save</c>; see <see cref="ModelFile.Load(string)"/>.</summary>
        /// <exception cref="InvalidDataException">The file is not a valid model; the message names the file and the field.</exception>
        public static Network Load(string path) => ModelFile.Load(path);

        /// <summary>Loads a network saved by <c>Save</c> and its <paramref name="metadata"/>.</summary>
        /// <exception cref="InvalidDataException">The file is not a valid model; the message names the file and the field.</exception>
        public static Network Load(string path, out ModelMetadata metadata) => ModelFile.Load(path, out metadata);
    }
}
