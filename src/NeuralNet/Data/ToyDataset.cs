namespace NeuralNet.Data;

/// <summary>The two-class, two-feature point sets of <see cref="ToyDatasets"/>, as TensorFlow Playground and scikit-learn's <c>make_*</c> functions offer them.</summary>
public enum ToyDataset
{
    /// <summary>Points in the four quadrants of [−1, 1]²; class 1 where x₁·x₂ &gt; 0 (<see cref="ToyDatasets.Xor"/>).</summary>
    Xor,

    /// <summary>A disk (class 1) inside a ring (class 0) (<see cref="ToyDatasets.Circles"/>).</summary>
    Circles,

    /// <summary>Two interleaving half circles (<see cref="ToyDatasets.Moons"/>).</summary>
    Moons,

    /// <summary>Two interleaved spiral arms, 1¾ turns each (<see cref="ToyDatasets.Spirals"/>).</summary>
    Spirals,

    /// <summary>Two Gaussian clusters around (−½, −½) and (½, ½) (<see cref="ToyDatasets.GaussianClusters"/>).</summary>
    GaussianClusters,
}
