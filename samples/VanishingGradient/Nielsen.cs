namespace VanishingGradient;

/// <summary>
/// The speeds of learning ‖δˡ‖ = ‖∂C/∂bˡ‖ that Michael Nielsen reports in chapter 5 of "Neural Networks and Deep Learning"
/// (section "The vanishing gradient problem"), for [784, 30, …, 30, 10] sigmoid networks just after initialisation.
/// </summary>
/// <remarks>
/// His setup (fig/generate_gradient.py in the book's repository): network2.py with its defaults, i.e. sigmoid hidden and
/// output units, the cross-entropy cost, weights from N(0, 1/n_in) and biases from N(0, 1) (our <c>LeCunNormal</c>); the
/// gradient of the cost averaged over the first 1,000 MNIST training digits; one random initialisation per network.
/// </remarks>
public static class Nielsen
{
    /// <summary>‖∂C/∂bˡ‖ per hidden layer, from the first to the last, for 2, 3 and 4 hidden layers; null for other depths.</summary>
    /// <remarks>For two hidden layers the book gives "0.07…" and "0.31…", so only two digits are known.</remarks>
    public static double[]? SpeedsOfLearning(int hiddenLayers) => hiddenLayers switch
    {
        2 => [0.07, 0.31],
        3 => [0.012, 0.060, 0.283],
        4 => [0.003, 0.017, 0.070, 0.285],
        _ => null,
    };

    /// <summary>The number of training digits whose average gradient he measured.</summary>
    public const int SampleSize = 1000;
}
